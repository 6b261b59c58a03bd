import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RupiahAmount } from '../../common/money/rupiah';
import { PageQuery } from '../../common/pagination/page.dto';
import { Trimmed } from '../../common/validation/transforms';

export class ListAccountsQuery extends PageQuery {
  /** Only accounts whose code starts with this, e.g. "system:" or "wallet:". */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  prefix?: string;
}

export class CreateAdjustmentDto {
  /** The account to credit (positive amount) or debit (negative), against system:cash. @example "wallet:5f0c6c1e-8a4b-4a57-9a3c-1d2f3e4a5b6c" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  account!: string;

  @RupiahAmount({ signed: true, description: 'Positive credits the account, negative debits it' })
  amount!: bigint;

  /** Why, for the audit trail. @example "Setoran tunai di loket Jl. Merdeka" */
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
