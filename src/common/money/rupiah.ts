import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { rupiahInputRef, rupiahRef } from './rupiah-schema';

/**
 * Money is whole rupiah as bigint. JSON carries it as an integer (within 2^53) or a string of
 * digits; anything else (fractions, exponents, text) is not money.
 */
export function parseRupiah(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : null;
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value.trim())) return BigInt(value.trim());
  return null;
}

/** "Rp 1.250.000", as Indonesians write amounts. */
export function formatRupiah(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}Rp ${digits}`;
}

/** Far above any configured limit; only keeps absurd numbers away from the services and bigint columns. */
export const MAX_RUPIAH = 1_000_000_000_000_000n;

/**
 * A DTO field holding whole rupiah: parsed to bigint, must be positive (or any non-zero amount
 * with `signed`). The configured maximum of each feature is the service's to check.
 */
export function RupiahAmount(options: { signed?: boolean; description?: string } = {}) {
  const rule = options.signed ? 'a non-zero whole number of rupiah' : 'a positive whole number of rupiah';
  return applyDecorators(
    ApiProperty({
      allOf: [rupiahInputRef()],
      description: `${options.description ?? 'Amount'}: ${rule}, as a JSON integer or a string of digits`,
    }),
    Transform(({ value }: { value: unknown }) => parseRupiah(value) ?? value, { toClassOnly: true }),
    ValidateBy({
      name: 'rupiahAmount',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'bigint' &&
          (options.signed ? value !== 0n : value > 0n) &&
          value <= MAX_RUPIAH &&
          value >= -MAX_RUPIAH,
        defaultMessage: (args) => `${args?.property ?? 'amount'} must be ${rule}`,
      },
    }),
  );
}

/** A response field holding whole rupiah as a string of digits. */
export const RupiahProperty = (options: { description?: string; nullable?: boolean; required?: boolean } = {}) =>
  ApiProperty({ allOf: [rupiahRef()], ...options });

/** TypeORM transformer for bigint money columns: the driver gives strings, the code wants bigint. */
export const bigintTransformer = {
  to: (value: bigint | null | undefined) => (typeof value === 'bigint' ? value.toString() : value),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
