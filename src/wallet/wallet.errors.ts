import { domainError } from '../common/errors/domain-error';
import { formatRupiah } from '../common/money/rupiah';

export class RecipientNotFoundError extends domainError('RECIPIENT_NOT_FOUND', 'not_found') {
  constructor(username: string) {
    super(`No user "${username}"; check the username`);
  }
}

export class SelfTransferError extends domainError('SELF_TRANSFER', 'unprocessable') {
  constructor() {
    super('You cannot send money to yourself');
  }
}

export class SelfBillError extends domainError('SELF_BILL', 'unprocessable') {
  constructor() {
    super('You cannot bill yourself');
  }
}

export class AmountTooLargeError extends domainError('AMOUNT_TOO_LARGE', 'invalid') {
  constructor(max: bigint) {
    super(`amount must be at most ${max} rupiah`);
  }
}

export class BillNotFoundError extends domainError('BILL_NOT_FOUND', 'not_found') {
  constructor(code: string) {
    super(`No bill "${code}" of yours`);
  }
}

export class BillNotUnpaidError extends domainError('BILL_NOT_UNPAID', 'conflict') {
  constructor(status: string) {
    super(`The bill is already ${status}`);
  }
}

export class OtpFieldsError extends domainError('OTP_FIELDS', 'invalid') {
  constructor(message: string) {
    super(message);
  }
}

export class TopupTooSmallError extends domainError('TOPUP_TOO_SMALL', 'invalid') {
  constructor(min: bigint) {
    super(`A top-up must be at least ${min} rupiah`);
    this.params = { minimum: formatRupiah(min) };
  }
}
