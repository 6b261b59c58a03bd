import { count, date, dateTime, parseRupiah, rupiah, todayInJakarta } from './format';

describe('Indonesian formats', () => {
  it('writes rupiah with dots and no decimals, from the API strings', () => {
    expect(rupiah('70000')).toBe('Rp70.000');
    expect(rupiah('1234567890123')).toBe('Rp1.234.567.890.123');
    expect(rupiah(-5000)).toBe('-Rp5.000');
    expect(rupiah('0')).toBe('Rp0');
    expect(rupiah(null)).toBe('-');
  });

  it('writes dates and times in Asia/Jakarta as 19 Agu 2026 10:08', () => {
    expect(dateTime('2026-08-19T03:08:00Z')).toBe('19 Agu 2026 10:08');
    expect(dateTime('2026-12-31T17:30:00Z')).toBe('1 Jan 2027 00:30');
    expect(date('2026-08-19')).toBe('19 Agu 2026');
    expect(todayInJakarta(new Date('2026-08-18T17:00:00Z'))).toBe('2026-08-19');
  });

  it('reads rupiah as people type it and refuses the rest', () => {
    expect(parseRupiah('Rp 70.000')).toBe('70000');
    expect(parseRupiah('70000')).toBe('70000');
    expect(parseRupiah('7,5')).toBeNull();
    expect(parseRupiah('-5')).toBeNull();
    expect(count(12345)).toBe('12.345');
  });
});
