import { bookableRange, formatChatDate, formatDay, isoDate, parseChatDate, slotLabel } from './booking-dates';

describe('booking dates (Asia/Jakarta)', () => {
  it('books from tomorrow to the horizon, inclusive', () => {
    expect(bookableRange(30, new Date('2026-12-31T03:00:00Z'))).toEqual({ first: '2027-01-01', last: '2027-01-30' });
    expect(bookableRange(1, new Date('2028-02-27T17:30:00Z'))).toEqual({ first: '2028-02-29', last: '2028-02-29' });
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
