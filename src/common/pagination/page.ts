import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';

export class PageQuery {
  /** @example 20 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  /** @example 0 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

export class Page<T> {
  items!: T[];
  total!: number;
  limit!: number;
  offset!: number;
}

/** Newest first, `limit` at a time; pass the previous page's `nextCursor` as `cursor` for older items. */
export class CursorQuery {
  /** @example 20 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}
