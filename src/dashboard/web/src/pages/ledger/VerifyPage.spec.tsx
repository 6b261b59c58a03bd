import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VerifyPage } from './VerifyPage';

const verify = jest.fn<Promise<unknown>, []>();

jest.mock('../../api/client', () => ({
  ApiError: class ApiError extends Error {},
  api: { GET: () => verify() },
  unwrap: (answer: unknown) => answer,
}));

const broken = {
  ok: false,
  accounts: 12,
  journals: 1234,
  entries: 2468,
  problems: [
    { check: 'cached_balance_matches_entries', subject: 'wallet:abc', detail: 'cached 500, entries sum to 400' },
  ],
};

describe('the verify page', () => {
  it('says plainly when the ledger is not balanced, with each problem, and checks again on request', async () => {
    verify.mockResolvedValueOnce(broken);
    render(<VerifyPage />);
    const verdict = await screen.findByRole('status');
    expect(verdict.textContent).toBe('Buku besar TIDAK seimbang: 1 masalah ditemukan.');
    const row = screen.getByText('wallet:abc').closest('tr')!;
    expect(row.textContent).toContain('Saldo tersimpan sama dengan jumlah baris');
    expect(row.textContent).toContain('cached 500, entries sum to 400');
    expect(screen.getByText('1.234')).toBeTruthy();

    let answer: (report: unknown) => void = () => undefined;
    verify.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    await userEvent.click(screen.getByRole('button', { name: 'Periksa lagi' }));
    expect(screen.getByText('Memeriksa seluruh buku besar…')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Periksa lagi' }).disabled).toBe(true);
    answer({ ...broken, ok: true, problems: [] });
    expect((await screen.findByRole('status')).textContent).toBe('Buku besar seimbang: semua pemeriksaan lolos.');
    expect(screen.queryByText('wallet:abc')).toBeNull();
  });
});
