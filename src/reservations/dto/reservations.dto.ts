import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/pagination/page.dto';
import { NO_CONTROL_CHARACTERS, Trimmed } from '../../common/validation/transforms';
import { PAYMENT_STATES, PaymentState, RESERVATION_STATUSES, ReservationStatus } from '../reservation.types';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const CATALOGUE_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const CATALOGUE_CODE_RULE = 'must be a code from GET /api/catalog (a-z, 0-9, - and _)';
const NoControlCharacters = (field: string) =>
  Matches(NO_CONTROL_CHARACTERS, { message: `${field} must not contain control characters` });
const DateField = (field: string) => Matches(DATE_PATTERN, { message: `${field} must be a date as YYYY-MM-DD` });

export class CustomerDto {
  /** @example "Siti Nurhaliza" */
  @Trimmed()
  @NoControlCharacters('name')
  @MaxLength(100)
  @MinLength(1)
  @IsString()
  name!: string;

  /** An Indonesian number. @example "0812-3456-7890" */
  @Trimmed()
  @MaxLength(32)
  @IsString()
  phone!: string;
}

export class CreateReservationDto {
  /** Tomorrow up to RESERVATION_HORIZON_DAYS ahead (Asia/Jakarta). @example "2026-12-05" */
  @DateField('date')
  @IsString()
  date!: string;

  /** A slot code from the catalogue. @example "pagi" */
  @Matches(CATALOGUE_CODE, { message: `slot ${CATALOGUE_CODE_RULE}` })
  @IsString()
  slot!: string;

  /** A model code from the catalogue. @example "iphone-x" */
  @Matches(CATALOGUE_CODE, { message: `model ${CATALOGUE_CODE_RULE}` })
  @IsString()
  model!: string;

  /** A part code priced for the model. @example "battery" */
  @Matches(CATALOGUE_CODE, { message: `part ${CATALOGUE_CODE_RULE}` })
  @IsString()
  part!: string;

  @ValidateNested()
  @Type(() => CustomerDto)
  @IsObject()
  customer!: CustomerDto;
}

export class AvailabilityQuery {
  /** @example "2026-12-05" */
  @DateField('date')
  @IsString()
  date!: string;
}

export class StatusTokenDto {
  /** The `t` of the booking's status link. */
  @MaxLength(100)
  @IsString()
  token!: string;
}

export class AdminReservationsQuery extends PageQuery {
  /** Bookings on or after this day. @example "2026-12-01" */
  @IsOptional()
  @DateField('from')
  @IsString()
  from?: string;

  /** Bookings on or before this day. @example "2026-12-31" */
  @IsOptional()
  @DateField('to')
  @IsString()
  to?: string;

  @IsOptional()
  @IsIn(RESERVATION_STATUSES)
  status?: ReservationStatus;

  @IsOptional()
  @IsIn(PAYMENT_STATES)
  paymentStatus?: PaymentState;

  /** @example "12345678" */
  @IsOptional()
  @Matches(/^\d{8}$/, { message: 'code must be 8 digits' })
  @IsString()
  code?: string;
}

export class ScheduleQuery {
  /** @example "2026-12-05" */
  @DateField('date')
  @IsString()
  date!: string;
}

export class MoveReservationDto {
  /** The new status; only the listed moves are allowed (others 409). @example "in_progress" */
  @IsIn(RESERVATION_STATUSES)
  status!: ReservationStatus;

  /** Shown in the booking's history. @example "Baterai diganti" */
  @IsOptional()
  @Trimmed()
  @NoControlCharacters('note')
  @MaxLength(300)
  @IsString()
  note?: string;
}
