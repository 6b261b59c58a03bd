import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.
class LimitQuery {
  /** @example 20 */
  @ApiPropertyOptional({ type: 'integer', default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(100)
  @IsInt()
  limit: number = 20;
}

export class PageQuery extends LimitQuery {
  /** @example 0 */
  @ApiPropertyOptional({ type: 'integer', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt()
  offset: number = 0;
}

/** A page of things created in a time range (either end optional). */
export class DateRangePageQuery extends PageQuery {
  /** Created at or after (ISO 8601). */
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date' })
  from?: Date;

  /** Created before (ISO 8601). */
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date' })
  to?: Date;
}

export class Page<T> {
  items!: T[];
  total!: number;
  limit!: number;
  offset!: number;
}

/** Newest first, `limit` at a time; pass the previous page's `nextCursor` as `cursor` for older items. */
export class CursorQuery extends LimitQuery {
  @IsOptional()
  @MaxLength(100)
  @IsString()
  cursor?: string;
}
