import { addDays, daysOf, jakartaToday, lastDays } from './jakarta-days';

describe('Asia/Jakarta days', () => {
  it('takes the date in Jakarta, seven hours ahead of UTC', () => {
    expect(jakartaToday(new Date('2026-12-04T16:59:00Z'))).toBe('2026-12-04');
    expect(jakartaToday(new Date('2026-12-04T17:00:00Z'))).toBe('2026-12-05');
  });

  it('counts days across month and leap-year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('lists the last n days, today included, oldest first', () => {
    const range = lastDays(3, new Date('2027-01-01T18:00:00Z'));
    expect(range).toEqual({ from: '2026-12-31', to: '2027-01-02' });
    expect(daysOf(range)).toEqual(['2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysOf(lastDays(1, new Date('2027-01-01T00:00:00Z')))).toEqual(['2027-01-01']);
  });
});
