import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.

export class OverviewQuery {
  /** How many Asia/Jakarta days to show, today included. @example 14 */
  @ApiPropertyOptional({ type: 'integer', default: 14 })
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(90)
  @IsInt()
  days: number = 14;
}
