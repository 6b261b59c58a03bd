/**
 * Indonesian mobile and landline numbers in the international form `628…`/`62…` without `+`,
 * whether typed as `0812-3456-789`, `+62 812 3456 789`, `62812…` or `812…`. Null when it is not one.
 */
export function normaliseIndonesianPhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const digits = compact.replace(/^\+/, '');
  let national: string;
  if (digits.startsWith('62')) national = digits.slice(2);
  else if (digits.startsWith('0')) national = digits.slice(1);
  else if (compact.startsWith('+')) return null;
  else national = digits;
  if (!/^[1-9]\d{7,12}$/.test(national)) return null;
  return `62${national}`;
}
