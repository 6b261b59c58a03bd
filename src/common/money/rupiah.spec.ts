import { formatRupiah, parseRupiah } from './rupiah';

describe('parseRupiah', () => {
  it.each([
    [150000, 150000n],
    ['150000', 150000n],
    [' 42 ', 42n],
    ['-5', -5n],
    ['1000000000000', 1000000000000n],
  ])('%p is %p rupiah', (input, expected) => {
    expect(parseRupiah(input)).toBe(expected);
  });

  it.each([
    1.5,
    '1.5',
    '1e3',
    'abc',
    '',
    null,
    undefined,
    {},
    [],
    Number.MAX_SAFE_INTEGER + 2,
    NaN,
    Infinity,
    '12345678901234567890',
  ])('refuses %p', (input) => {
    expect(parseRupiah(input)).toBeNull();
  });
});

describe('formatRupiah', () => {
  it('groups thousands with dots', () => {
    expect(formatRupiah(1250000n)).toBe('Rp 1.250.000');
    expect(formatRupiah(0n)).toBe('Rp 0');
    expect(formatRupiah(-500n)).toBe('-Rp 500');
  });
});
