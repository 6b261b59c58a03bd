import type { components } from '../../api/schema';
import { addDays } from '../../ui/days';

type Row = components['schemas']['DailyReportRowResponse'];

export interface Sum {
  key: string;
  count: number;
  sales: bigint;
  cost: bigint;
  margin: bigint;
}

function sumBy(rows: Row[], keyOf: (row: Row) => string, keys: string[] = []): Sum[] {
  const sums = new Map<string, Sum>(keys.map((key) => [key, { key, count: 0, sales: 0n, cost: 0n, margin: 0n }]));
  for (const row of rows) {
    const key = keyOf(row);
    const sum = sums.get(key) ?? { key, count: 0, sales: 0n, cost: 0n, margin: 0n };
    sums.set(key, {
      key,
      count: sum.count + row.count,
      sales: sum.sales + BigInt(row.sales),
      cost: sum.cost + BigInt(row.cost),
      margin: sum.margin + BigInt(row.margin),
    });
  }
  return [...sums.values()];
}

/** Every day from `from` to `to`, a day without a sale as zeros (so the chart shows the gap). */
export function byDay(rows: Row[], from: string, to: string): Sum[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return sumBy(rows, (r) => r.day, days);
}

/** Biggest sales first. */
export function byKey(rows: Row[], keyOf: (row: Row) => string): Sum[] {
  return sumBy(rows, keyOf).sort((a, b) =>
    a.sales === b.sales ? a.key.localeCompare(b.key) : a.sales > b.sales ? -1 : 1,
  );
}
