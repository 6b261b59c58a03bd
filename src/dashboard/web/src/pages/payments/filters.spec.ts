import { readUrlFilters } from '../../ui/url-filters';
import { listQuery, PAYMENT_FILTERS } from './filters';

const queryFor = (search: string) => {
  const { values, offset } = readUrlFilters(new URLSearchParams(search), PAYMENT_FILTERS);
  return listQuery(values, offset);
};

describe('the payments list filters', () => {
  it('take a date range as whole Jakarta days, the last day included', () => {
    expect(queryFor('dari=2026-08-01&sampai=2026-08-19')).toEqual({
      limit: 20,
      offset: 0,
      from: '2026-07-31T17:00:00.000Z',
      to: '2026-08-19T17:00:00.000Z',
    });
  });

  it('send only what the API accepts: a known status, a whole offset', () => {
    expect(queryFor('status=lunas&mulai=-3&tujuan=wallet_topup')).toEqual({
      limit: 20,
      offset: 0,
      purpose: 'wallet_topup',
    });
    expect(queryFor('status=paid&pembayar=budi&mulai=40')).toEqual({
      limit: 20,
      offset: 40,
      status: 'paid',
      owner: 'budi',
    });
  });
});
