import { byDay, byKey } from './report-sums';

const row = (
  day: string,
  productCode: string,
  operator: 'xl' | 'telkomsel',
  count: number,
  sales: string,
  cost: string,
) => ({
  day,
  productCode,
  operator,
  count,
  sales,
  cost,
  margin: String(BigInt(sales) - BigInt(cost)),
});

describe('the pulsa report sums', () => {
  const rows = [
    row('2026-08-18', 'T10', 'telkomsel', 2, '23000', '21400'),
    row('2026-08-20', 'T10', 'telkomsel', 1, '11500', '10700'),
    row('2026-08-20', 'XL5', 'xl', 3, '19500', '17100'),
  ];

  it('adds up each day in the range, with zeros for days without a sale', () => {
    expect(byDay(rows, '2026-08-18', '2026-08-21')).toEqual([
      { key: '2026-08-18', count: 2, sales: 23000n, cost: 21400n, margin: 1600n },
      { key: '2026-08-19', count: 0, sales: 0n, cost: 0n, margin: 0n },
      { key: '2026-08-20', count: 4, sales: 31000n, cost: 27800n, margin: 3200n },
      { key: '2026-08-21', count: 0, sales: 0n, cost: 0n, margin: 0n },
    ]);
  });

  it('adds up per product and per operator, biggest sales first, in exact rupiah', () => {
    expect(byKey(rows, (r) => r.productCode).map((s) => [s.key, s.count, s.sales])).toEqual([
      ['T10', 3, 34500n],
      ['XL5', 3, 19500n],
    ]);
    const big = [
      row('2026-08-18', 'T10', 'telkomsel', 1, '9007199254740993', '1'),
      row('2026-08-19', 'T10', 'telkomsel', 1, '1', '0'),
    ];
    expect(byKey(big, (r) => r.operator)[0].sales).toBe(9007199254740994n);
  });
});
