import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RupiahAmount } from '../../common/money/rupiah';
import { NO_CONTROL_CHARACTERS, Trimmed } from '../../common/validation/transforms';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const NoControlCharacters = (field: string) =>
  Matches(NO_CONTROL_CHARACTERS, { message: `${field} must not contain control characters` });

export class CatalogueItemDto {
  /** @example "iPhone X" */
  @Trimmed()
  @NoControlCharacters('name')
  @MaxLength(100)
  @MinLength(1)
  @IsString()
  name!: string;

  /** Listing order, smallest first. @example 10 */
  @IsOptional()
  @Min(0)
  @Max(100_000)
  @IsInt()
  sort?: number;

  /** Inactive items are not offered (bookings made keep them). @example true */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PriceDto {
  @RupiahAmount({ description: 'The price of this part for this model' })
  price!: bigint;
}

export class SlotDto {
  /** Shown to customers; "Pukul : 09.00 - 11.00 WIB" when absent. */
  @IsOptional()
  @Trimmed()
  @NoControlCharacters('label')
  @MaxLength(100)
  @MinLength(1)
  @IsString()
  label?: string;

  /** HH:MM, Asia/Jakarta. @example "09:00" */
  @Matches(TIME, { message: 'start must be a time as HH:MM' })
  @IsString()
  start!: string;

  /** HH:MM, after start. @example "11:00" */
  @Matches(TIME, { message: 'end must be a time as HH:MM' })
  @IsString()
  end!: string;

  /** Bookings the slot takes on one day (technicians). @example 2 */
  @Min(0)
  @Max(1000)
  @IsInt()
  capacity!: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ClosedDateDto {
  /** @example "Libur Natal" */
  @IsOptional()
  @Trimmed()
  @NoControlCharacters('reason')
  @MaxLength(200)
  @IsString()
  reason?: string;
}
