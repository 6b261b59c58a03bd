import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { RupiahAmount } from '../../common/money/rupiah';
import { CursorQuery, PageQuery } from '../../common/pagination/page.dto';
import { LowerCaseTrimmed, NO_CONTROL_CHARACTERS, Trimmed } from '../../common/validation/transforms';
import { OTP_ACTIONS, OtpAction } from '../../otp/otp.types';
import { USERNAME_PATTERN, USERNAME_RULE } from '../../users/dto/username';
import { BILL_STATUSES, BillStatus } from '../entities/bill.entity';
import { OtpConfirmationDto } from '../../otp/dto/otp-confirmation.dto';

export const BILL_CODE_PATTERN = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;

const needsRecipient = (o: RequestOtpDto) => o.action === 'transfer' || o.action === 'bill.create';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check
// sits last. Free text refuses control characters: PostgreSQL cannot store NUL in text or jsonb.
const NoControlCharacters = (field: string) =>
  Matches(NO_CONTROL_CHARACTERS, { message: `${field} must not contain control characters` });

export class RequestOtpDto {
  /** What the code will confirm. @example "transfer" */
  @IsIn(OTP_ACTIONS)
  action!: OtpAction;

  /** Recipient username, for `transfer` and `bill.create`. @example "budi" */
  @ValidateIf(needsRecipient)
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: `to: ${USERNAME_RULE}` })
  @IsString()
  to?: string;

  /** For `transfer` and `bill.create`. */
  @ValidateIf(needsRecipient)
  @RupiahAmount()
  amount?: bigint;

  /** Bill code, for `bill.pay`. @example "7KQ2M9X4PZ" */
  @ValidateIf((o: RequestOtpDto) => o.action === 'bill.pay')
  @Trimmed()
  @Matches(BILL_CODE_PATTERN, { message: 'code must be a 10-character bill code' })
  @IsString()
  code?: string;
}

export class CreateTransferDto {
  /** @example "budi" */
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: `to: ${USERNAME_RULE}` })
  @IsString()
  to!: string;

  @RupiahAmount()
  amount!: bigint;

  /** @example "Bayar makan siang" */
  @IsOptional()
  @Trimmed()
  @MaxLength(200)
  @NoControlCharacters('description')
  @IsString()
  description?: string;

  @ValidateNested()
  @Type(() => OtpConfirmationDto)
  @IsObject()
  otp!: OtpConfirmationDto;
}

export class CreateBillDto {
  /** Who should pay. @example "budi" */
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: `to: ${USERNAME_RULE}` })
  @IsString()
  to!: string;

  /** @example "Iuran arisan November" */
  @Trimmed()
  @MaxLength(100)
  @NoControlCharacters('name')
  @IsNotEmpty()
  @IsString()
  name!: string;

  @RupiahAmount()
  amount!: bigint;

  @IsOptional()
  @Trimmed()
  @MaxLength(500)
  @NoControlCharacters('description')
  @IsString()
  description?: string;

  @ValidateNested()
  @Type(() => OtpConfirmationDto)
  @IsObject()
  otp!: OtpConfirmationDto;
}

export class PayBillDto {
  @ValidateNested()
  @Type(() => OtpConfirmationDto)
  @IsObject()
  otp!: OtpConfirmationDto;
}

export class ListBillsQuery extends PageQuery {
  /** incoming: bills you should pay; outgoing: bills you sent. Both when absent. */
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';

  @IsOptional()
  @IsIn(BILL_STATUSES)
  status?: BillStatus;
}

export const HISTORY_CATEGORIES = [
  'transfer',
  'bill',
  'topup',
  'pulsa',
  'reservation',
  'refund',
  'adjustment',
] as const;
export type HistoryCategory = (typeof HISTORY_CATEGORIES)[number];

export class TransactionsQuery extends CursorQuery {
  @IsOptional()
  @IsIn(HISTORY_CATEGORIES)
  category?: HistoryCategory;
}

export class AdminTransfersQuery extends PageQuery {
  /** Transfers sent or received by this username. */
  @IsOptional()
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username?: string;
}

export class AdminBillsQuery extends PageQuery {
  @IsOptional()
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username?: string;

  @IsOptional()
  @IsIn(BILL_STATUSES)
  status?: BillStatus;
}
