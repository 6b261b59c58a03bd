import { PickType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { RupiahAmount } from '../../common/money/rupiah';
import { DateRangePageQuery } from '../../common/pagination/page.dto';
import { LowerCaseTrimmed, NO_CONTROL_CHARACTERS, Trimmed } from '../../common/validation/transforms';
import { USERNAME_PATTERN, USERNAME_RULE } from '../../users/dto/username';
import { PAYMENT_STATUSES, PaymentStatus, REVIEW_DECISIONS, ReviewDecision } from '../payment.types';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.

export class AdminPaymentsQuery extends DateRangePageQuery {
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  /** @example "wallet_topup" */
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/, { message: 'purpose must be a purpose name like wallet_topup' })
  purpose?: string;

  /** The payer's username. */
  @IsOptional()
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: `owner: ${USERNAME_RULE}` })
  owner?: string;
}

export class RefundDto {
  /** All that is left of the payment when absent. */
  @IsOptional()
  @RupiahAmount({ description: 'Amount to refund' })
  amount?: bigint;

  /** @example "Pelanggan membatalkan" */
  @Trimmed()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'reason must not contain control characters' })
  @IsNotEmpty()
  @IsString()
  reason!: string;

  /** The money was returned outside Loket (bank transfer, cash): Midtrans is not called. */
  @IsOptional()
  @IsBoolean()
  offline?: boolean;

  /** Required with `offline`: the bank transfer's or receipt's reference. @example "BCA-TRF-20261122-0042" */
  @ValidateIf((o: RefundDto) => o.offline === true || o.reference !== undefined)
  @Trimmed()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'reference must not contain control characters' })
  @IsNotEmpty({ message: 'reference is required for an offline refund' })
  @IsString({ message: 'reference is required for an offline refund' })
  reference?: string;
}

/** The reason is a refund's: why, in a line, kept on the payment's events. */
export class ReviewPaymentDto extends PickType(RefundDto, ['reason'] as const) {
  /**
   * `reverse`: the bank's reversal stands; what the review held is taken and what was already spent
   * is written off. `keep`: it did not stand; the hold is released and the payment is paid again.
   * @example "reverse"
   */
  @IsIn(REVIEW_DECISIONS)
  decision!: ReviewDecision;
}
