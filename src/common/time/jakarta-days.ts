/** Loket's businesses keep Asia/Jakarta days; it has no daylight saving, so a day is UTC+7 all year. */
export const JAKARTA_TIME_ZONE = 'Asia/Jakarta';
export const JAKARTA_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** Whole Asia/Jakarta days as YYYY-MM-DD, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** How many of something happened on one day, and their money. */
export interface DayTally {
  day: string;
  count: number;
  amount: bigint;
}

/** Today's date in Asia/Jakarta, as YYYY-MM-DD. */
export function jakartaToday(now = new Date()): string {
  return new Date(now.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days, today included. */
export function lastDays(days: number, now = new Date()): DayRange {
  const to = jakartaToday(now);
  return { from: addDays(to, 1 - days), to };
}

/** Every day of the range, oldest first. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * SQL that buckets a timestamptz `column` by Jakarta day, and keeps it within the days given as
 * two date parameters (`$1`, `$2`): the range is compared as instants, so an index on the column serves it.
 */
export function jakartaDaySql(column: string, fromParam: string, toParam: string): { day: string; within: string } {
  const zone = `'${JAKARTA_TIME_ZONE}'`;
  return {
    day: `to_char(${column} AT TIME ZONE ${zone}, 'YYYY-MM-DD')`,
    within:
      `${column} >= (${fromParam}::date)::timestamp AT TIME ZONE ${zone}` +
      ` AND ${column} < (${toParam}::date + 1)::timestamp AT TIME ZONE ${zone}`,
  };
}
