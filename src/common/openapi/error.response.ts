import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Every failure's body. Each route's document narrows `code` to the codes it can answer with. */
export class ErrorResponse {
  /** The HTTP status, repeated. @example 422 */
  statusCode!: number;

  /** The status' reason phrase. @example "Unprocessable Entity" */
  error!: string;

  /** What went wrong and what to do next; the validator gives one sentence per bad field. */
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'Insufficient funds: 15000 rupiah available',
  })
  message!: string | string[];

  /** Stable, for programs: a business rule (`INSUFFICIENT_FUNDS`) or the failure's kind (`VALIDATION_FAILED`). */
  @ApiProperty({ example: 'INSUFFICIENT_FUNDS', pattern: '^[A-Z][A-Z_]*$' })
  code!: string;

  /** Only on an unexpected failure: quote it when reporting. */
  @ApiPropertyOptional()
  requestId?: string;
}
