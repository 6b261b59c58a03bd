import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OmitType, PartialType } from '@nestjs/swagger';
import { RupiahAmount } from '../../common/money/rupiah';
import { DateRangePageQuery, PageQuery } from '../../common/pagination/page.dto';
import { LowerCaseTrimmed, NO_CONTROL_CHARACTERS, Trimmed } from '../../common/validation/transforms';
import { USERNAME_PATTERN, USERNAME_RULE } from '../../users/dto/username';
// The OTP answer's DTO lives with the wallet, its first user; it belongs in otp/ (see the report).
import { OtpConfirmationDto } from '../../otp/dto/otp-confirmation.dto';
import { OPERATORS, Operator } from '../operators';
import { SUPPLIERS, SupplierName, TRANSACTION_STATUSES, TransactionStatus } from '../pulsa.types';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.

const PIN_RULE = { message: 'pin must be 4 to 6 digits' };
const PRODUCT_CODE = /^[A-Za-z][A-Za-z0-9]{0,15}$/;
const PRODUCT_CODE_RULE = {
  message: 'productCode must be a product code like T10 (a letter, then letters and digits)',
};
const DESTINATION = /^\+?\d{9,15}$/;

export class CreatePurchaseDto {
  /** Case does not matter. @example "T10" */
  @Trimmed()
  @Matches(PRODUCT_CODE, PRODUCT_CODE_RULE)
  @IsString()
  productCode!: string;

  /** `08…`, `628…` or `+628…`. @example "081234567890" */
  @Trimmed()
  @Matches(DESTINATION, { message: 'destination must be a mobile number such as 081234567890' })
  @IsString()
  destination!: string;

  /** Required when you have a PIN. @example "1234" */
  @IsOptional()
  @Matches(/^\d{4,6}$/, PIN_RULE)
  @IsString()
  pin?: string;

  /** To buy the same product for the same number again within the duplicate window: 2, 3, … @example 2 */
  @IsOptional()
  @Min(1)
  @Max(999)
  @IsInt()
  counter?: number;
}

export class PulsaMessageDto {
  /** A command as an agent would type it. @example "T10.081234567890.1234" */
  @Trimmed()
  @MaxLength(1000)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'text must not contain control characters' })
  @IsNotEmpty()
  @IsString()
  text!: string;
}

export class SetPinDto {
  /** 4 to 6 digits. @example "482913" */
  @Matches(/^\d{4,6}$/, PIN_RULE)
  @IsString()
  pin!: string;

  /** A `pulsa.pin` code from POST /api/otp. */
  @ValidateNested()
  @Type(() => OtpConfirmationDto)
  @IsObject()
  otp!: OtpConfirmationDto;
}

export class AdminSetPinDto {
  /** 4 to 6 digits. @example "482913" */
  @Matches(/^\d{4,6}$/, PIN_RULE)
  @IsString()
  pin!: string;
}

export class CreateAgentDto {
  /** An existing user is promoted; anyone else is created. @example "agen_budi" */
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: `username: ${USERNAME_RULE}` })
  @IsString()
  username!: string;

  /** @example "Budi Cell" */
  @Trimmed()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  @IsNotEmpty()
  @IsString()
  name!: string;

  /** @example "081234567890" */
  @Trimmed()
  @MaxLength(20)
  @IsNotEmpty()
  @IsString()
  phone!: string;

  /** The agent's first PIN; they can change it themselves. @example "482913" */
  @IsOptional()
  @Matches(/^\d{4,6}$/, PIN_RULE)
  @IsString()
  pin?: string;
}

export class AdminAgentsQuery extends PageQuery {
  /** Part of a username, name or phone number (08… finds numbers stored as 628…). @example "budi" */
  @IsOptional()
  @Trimmed()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'q must not contain control characters' })
  @IsString()
  q?: string;
}

export class ProductsQuery {
  @IsOptional()
  @IsIn(OPERATORS)
  operator?: Operator;
}

export class CreateProductDto {
  /** Stored upper case. @example "T10" */
  @Trimmed()
  @Matches(PRODUCT_CODE, { message: 'code must be a product code like T10 (a letter, then letters and digits)' })
  @IsString()
  code!: string;

  /** @example "Telkomsel 10.000" */
  @Trimmed()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  @IsNotEmpty()
  @IsString()
  name!: string;

  @IsIn(OPERATORS)
  operator!: Operator;

  @RupiahAmount({ description: 'Face value' })
  nominal!: bigint;

  @RupiahAmount({ description: 'What agents pay' })
  price!: bigint;

  /** PULSA_SUPPLIER when absent. */
  @IsOptional()
  @IsIn(SUPPLIERS)
  supplier?: SupplierName;

  /** The supplier's code for it (Digiflazz' buyer_sku_code). @example "xld10" */
  @Trimmed()
  @Matches(/^[\w.-]{1,64}$/, { message: 'supplierSku must be 1-64 letters, digits, _, . or -' })
  @IsString()
  supplierSku!: string;

  @RupiahAmount({ description: 'What Loket pays the supplier' })
  supplierCost!: bigint;

  /** True when absent. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Only what is given changes; purchases already made keep the price they had. */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['code'] as const)) {}

export class TransactionsQuery extends DateRangePageQuery {
  @IsOptional()
  @IsIn(TRANSACTION_STATUSES)
  status?: TransactionStatus;
}

export class AdminTransactionsQuery extends TransactionsQuery {
  /** The agent's username. */
  @IsOptional()
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: `agent: ${USERNAME_RULE}` })
  agent?: string;

  /** A product code. @example "T10" */
  @IsOptional()
  @Trimmed()
  @Matches(PRODUCT_CODE, { message: 'product must be a product code like T10' })
  product?: string;
}

export class ResolveTransactionDto {
  /** @example "failed" */
  @IsIn(['success', 'failed'])
  status!: 'success' | 'failed';

  /** The serial number, for a success. @example "0412345678901234" */
  @IsOptional()
  @Trimmed()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'sn must not contain control characters' })
  @IsNotEmpty()
  @IsString()
  sn?: string;

  /** Why: kept on the transaction, and shown to the agent for a failure. @example "Dibatalkan supplier, dana dikembalikan" */
  @Trimmed()
  @MaxLength(300)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'reason must not contain control characters' })
  @IsNotEmpty()
  @IsString()
  reason!: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class DailyReportQuery {
  /** First day (Asia/Jakarta), inclusive; today when absent. @example "2026-11-01" */
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date like 2026-11-01' })
  from?: string;

  /** Last day (Asia/Jakarta), inclusive; `from` when absent. @example "2026-11-30" */
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date like 2026-11-30' })
  to?: string;
}
