import {
  addDays,
  bookableRange,
  formatChatDate,
  formatDay,
  isoDate,
  jakartaToday,
  parseChatDate,
  slotLabel,
} from './booking-dates';

describe('booking dates (Asia/Jakarta)', () => {
  it('takes the date in Jakarta, seven hours ahead of UTC', () => {
    expect(jakartaToday(new Date('2026-12-04T16:59:00Z'))).toBe('2026-12-04');
    expect(jakartaToday(new Date('2026-12-04T17:00:00Z'))).toBe('2026-12-05');
  });

  it('books from tomorrow to the horizon, inclusive', () => {
    expect(bookableRange(30, new Date('2026-12-31T03:00:00Z'))).toEqual({ first: '2027-01-01', last: '2027-01-30' });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('reads dd/mm/yyyy as customers type it, and refuses dates that do not exist', () => {
    expect(parseChatDate('05/12/2026')).toBe('2026-12-05');
    expect(parseChatDate(' 5-1-2027 ')).toBe('2027-01-05');
    expect(parseChatDate('31/02/2027')).toBeNull();
    expect(parseChatDate('2026-12-05')).toBeNull();
    expect(isoDate('2026-02-30')).toBeNull();
    expect(isoDate('2026-12-05')).toBe('2026-12-05');
  });

  it('writes dates and slots in Bahasa Indonesia as the source does', () => {
    expect(formatDay('2026-12-05')).toBe('Sabtu, 5 Desember 2026');
    expect(formatChatDate('2026-12-05')).toBe('05/12/2026');
    expect(slotLabel('09:00', '11:00')).toBe('Pukul : 09.00 - 11.00 WIB');
  });
});
