import { newBillCode } from '../../src/wallet/bill.service';
import { BILL_CODE_PATTERN } from '../../src/wallet/dto/wallet.dto';

// A pure rule, kept here beside the other wallet suites; it needs no database.
describe('bill codes', () => {
  const UNAMBIGUOUS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const codes = Array.from({ length: 2000 }, () => newBillCode());

  it('are 10 characters of the unambiguous alphabet: no 0/O, 1/I/L, no lower case', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      expect(code).toMatch(BILL_CODE_PATTERN);
    }
  });

  it('draw from the whole alphabet and do not repeat', () => {
    expect([...new Set(codes.join(''))].sort().join('')).toBe(UNAMBIGUOUS);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are the only codes the API accepts as bill codes', () => {
    for (const code of [
      'ABCDEFGHJ',
      'ABCDEFGHJKM',
      'ABCDEFGHJ0',
      'ABCDEFGHJO',
      'ABCDEFGHJ1',
      'ABCDEFGHJI',
      'abcdefghjk',
    ]) {
      expect(code).not.toMatch(BILL_CODE_PATTERN);
    }
  });
});
