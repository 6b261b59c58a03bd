import { readUrlFilters, withUrlFilters } from './url-filters';

describe('filters kept in the URL', () => {
  it('read as empty when unset, with the offset only when a whole positive number', () => {
    const params = new URLSearchParams('status=paid&pembayar=budi&mulai=40');
    expect(readUrlFilters(params, ['status', 'tujuan', 'pembayar'])).toEqual({
      values: { status: 'paid', tujuan: '', pembayar: 'budi' },
      offset: 40,
    });
    expect(readUrlFilters(new URLSearchParams('mulai=-3'), []).offset).toBe(0);
    expect(readUrlFilters(new URLSearchParams('mulai=lima'), []).offset).toBe(0);
  });

  it('drop empty ones and go back to the first page on a change, unless told to keep it', () => {
    const params = new URLSearchParams('status=paid&pembayar=budi&mulai=40');
    expect(withUrlFilters(params, { pembayar: '', dari: '2026-08-01' }).toString()).toBe('status=paid&dari=2026-08-01');
    expect(withUrlFilters(params, { ubah: 'T10' }, true).toString()).toBe(
      'status=paid&pembayar=budi&mulai=40&ubah=T10',
    );
  });
});
