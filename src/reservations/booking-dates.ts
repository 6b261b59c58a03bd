import { addDays, JAKARTA_OFFSET_MS, jakartaToday } from '../common/time/jakarta-days';

/** The hour of the day in Asia/Jakarta. */
export function jakartaHour(now = new Date()): number {
  return new Date(now.getTime() + JAKARTA_OFFSET_MS).getUTCHours();
}

/** A real calendar date in YYYY-MM-DD (not 2026-02-30), or null. */
export function isoDate(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? text : null;
}

/** What a customer types in the chat, dd/mm/yyyy (also d/m/yyyy, dots or dashes), as YYYY-MM-DD. */
export function parseChatDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  return isoDate(`${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`);
}

/** The first and last bookable days: tomorrow, and today plus the horizon (inclusive). */
export function bookableRange(horizonDays: number, now = new Date()): { first: string; last: string } {
  const today = jakartaToday(now);
  return { first: addDays(today, 1), last: addDays(today, horizonDays) };
}

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** "Sabtu, 5 Desember 2026". */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "05/12/2026", as the customer typed it. */
export function formatChatDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "Pukul : 09.00 - 11.00 WIB", the source's way of naming a slot. */
export const slotLabel = (start: string, end: string) =>
  `Pukul : ${start.replace(':', '.')} - ${end.replace(':', '.')} WIB`;

/** "14.05 WIB". */
export function formatWibTime(at: Date): string {
  return `${new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(11, 16).replace(':', '.')} WIB`;
}
