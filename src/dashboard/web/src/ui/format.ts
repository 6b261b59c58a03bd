// Indonesian formats, in the shop's time zone whatever the browser's: Rp70.000 and 19 Agu 2026 10:08.
const ZONE = 'Asia/Jakarta';

const dateParts = new Intl.DateTimeFormat('id-ID', {
  timeZone: ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** Whole rupiah (a digit string or integer from the API) as `Rp70.000`, `-Rp5.000`. */
export function rupiah(amount: string | number | bigint | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '-';
  const value = BigInt(amount);
  const digits = (value < 0n ? -value : value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0n ? '-' : ''}Rp${digits}`;
}

/** A count with Indonesian grouping: 12.345. */
export function count(value: number | string): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `19 Agu 2026 10:08` (Asia/Jakarta). */
export function dateTime(value: string | Date | null | undefined): string {
  if (!value) return '-';
  const parts = dateParts.formatToParts(new Date(value));
  return `${part(parts, 'day')} ${part(parts, 'month')} ${part(parts, 'year')} ${part(parts, 'hour')}:${part(parts, 'minute')}`;
}

/** `19 Agu 2026` for a Date, an ISO time, or a calendar day `2026-08-19` (taken as that day). */
export function date(value: string | Date | null | undefined): string {
  if (!value) return '-';
  const at =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00+07:00`)
      : new Date(value);
  const parts = dateParts.formatToParts(at);
  return `${part(parts, 'day')} ${part(parts, 'month')} ${part(parts, 'year')}`;
}

/** Today's calendar day in Asia/Jakarta, `2026-08-19`. */
export function todayInJakarta(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now);
}

/** Rupiah typed by a person (`70.000`, `Rp 70.000`, `70000`) as a digit string, or null when it is not one. */
export function parseRupiah(input: string): string | null {
  const digits = input.replace(/^\s*rp\s*/i, '').replace(/[.\s]/g, '');
  return /^\d{1,15}$/.test(digits) ? String(BigInt(digits)) : null;
}
