import {
  expectedSignature,
  MalformedStatusError,
  outcomeOf,
  parseGrossAmount,
  parseProviderStatus,
  signatureMatches,
} from './midtrans-status';

const KEY = 'SB-Mid-server-unit-test-key';
const base = { order_id: 'TOPUP-1', status_code: '200', gross_amount: '70000.00', transaction_status: 'settlement' };

describe('gross_amount', () => {
  it.each([
    ['70000.00', 70000n],
    ['70000', 70000n],
    ['70000.0', 70000n],
    ['1', 1n],
  ])('reads %p as %p rupiah', (text, amount) => {
    expect(parseGrossAmount(text)).toBe(amount);
  });

  it.each(['70000.50', '7e4', '-70000.00', ' 70000.00', '70,000.00', '', '70000.', '0x10'])('refuses %p', (text) => {
    expect(parseGrossAmount(text)).toBeNull();
  });

  it('refuses numbers: only strings are signed as received', () => {
    expect(parseGrossAmount(70000)).toBeNull();
  });

  it('keeps amounts past 2^53 exact', () => {
    expect(parseGrossAmount('9007199254740993.00')).toBe(9007199254740993n);
  });
});

describe('signature_key', () => {
  const fields = { orderId: 'TOPUP-1', statusCode: '200', grossAmount: '70000.00' };

  it('is sha512(order_id + status_code + gross_amount + server key) in lower-case hex', () => {
    const signature = expectedSignature(fields, KEY);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(signatureMatches(fields, signature, KEY)).toBe(true);
  });

  it('is refused upper-cased, truncated, for other strings, or with another key', () => {
    const signature = expectedSignature(fields, KEY);
    expect(signatureMatches(fields, signature.toUpperCase(), KEY)).toBe(false);
    expect(signatureMatches(fields, signature.slice(1), KEY)).toBe(false);
    expect(signatureMatches(fields, '', KEY)).toBe(false);
    expect(signatureMatches({ ...fields, grossAmount: '70000' }, signature, KEY)).toBe(false);
    expect(signatureMatches(fields, signature, `${KEY}x`)).toBe(false);
  });
});

describe('reading a notification', () => {
  it('takes the VA number from whichever shape the method uses', () => {
    expect(parseProviderStatus({ ...base, va_numbers: [{ bank: 'bca', va_number: '123' }] }).vaNumber).toBe('123');
    expect(parseProviderStatus({ ...base, permata_va_number: '8562' }).vaNumber).toBe('8562');
    expect(parseProviderStatus({ ...base, bill_key: '777', biller_code: '70012' }).vaNumber).toBe('777');
    expect(parseProviderStatus({ ...base, payment_code: '999' }).vaNumber).toBe('999');
  });

  it('normalises the status case and ignores fields it does not know', () => {
    const status = parseProviderStatus({ ...base, transaction_status: 'PENDING', brand_new_field: { x: 1 } });
    expect(status.transactionStatus).toBe('pending');
  });

  it.each([
    ['an array', []],
    ['a string', 'x'],
    ['null', null],
    ['no order_id', { ...base, order_id: undefined }],
    ['a numeric gross_amount', { ...base, gross_amount: 70000 }],
    ['a fractional gross_amount', { ...base, gross_amount: '70000.5' }],
    ['no transaction_status', { ...base, transaction_status: undefined }],
  ])('refuses %s', (_, body) => {
    expect(() => parseProviderStatus(body)).toThrow(MalformedStatusError);
  });
});

describe('status mapping', () => {
  const outcome = (fields: Record<string, unknown>) =>
    outcomeOf(parseProviderStatus({ ...base, ...fields }), 70000n).kind;

  it.each([
    [{ transaction_status: 'settlement' }, 'paid'],
    [{ transaction_status: 'capture', fraud_status: 'accept' }, 'paid'],
    [{ transaction_status: 'capture' }, 'paid'],
    [{ transaction_status: 'capture', fraud_status: 'challenge' }, 'pending'],
    [{ transaction_status: 'capture', fraud_status: 'deny' }, 'failed'],
    [{ transaction_status: 'pending' }, 'pending'],
    [{ transaction_status: 'deny' }, 'failed'],
    [{ transaction_status: 'cancel' }, 'failed'],
    [{ transaction_status: 'failure' }, 'failed'],
    [{ transaction_status: 'expire' }, 'expired'],
    [{ transaction_status: 'refund', refund_amount: '70000.00' }, 'refunded'],
    [{ transaction_status: 'partial_refund', refund_amount: '20000.00' }, 'refunded'],
    [{ transaction_status: 'partial_refund' }, 'ignored'],
    [{ transaction_status: 'something_new' }, 'ignored'],
  ])('%p → %s', (fields, kind) => {
    expect(outcome(fields)).toBe(kind);
  });

  it('carries the cumulative refunded amount, all of it for a refund without one', () => {
    const partial = outcomeOf(
      parseProviderStatus({ ...base, transaction_status: 'partial_refund', refund_amount: '20000.00' }),
      70000n,
    );
    expect(partial).toEqual({ kind: 'refunded', total: 20000n });
    expect(outcomeOf(parseProviderStatus({ ...base, transaction_status: 'refund' }), 70000n)).toEqual({
      kind: 'refunded',
      total: 70000n,
    });
  });
});
