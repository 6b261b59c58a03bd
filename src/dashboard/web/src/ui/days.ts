// Calendar days `2026-08-19` as the API's filters take them: Asia/Jakarta days (UTC+7 all year).

/** A calendar day moved by `days` (no time zone involved). */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The first instant of a Jakarta day (`plusDays` later), as the API's ISO 8601 `from`/`to`. */
export function startOfJakartaDay(day: string, plusDays = 0): string {
  const start = new Date(`${day}T00:00:00+07:00`);
  return new Date(start.getTime() + plusDays * 86_400_000).toISOString();
}
