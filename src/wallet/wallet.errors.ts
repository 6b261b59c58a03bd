import { DomainError } from '../common/errors/domain-error';

export class RecipientNotFoundError extends DomainError {
  constructor(username: string) {
    super('RECIPIENT_NOT_FOUND', 'not_found', `No user "${username}"; check the username`);
  }
}

export class SelfTransferError extends DomainError {
  constructor(what: 'transfer' | 'bill') {
    super(
      what === 'transfer' ? 'SELF_TRANSFER' : 'SELF_BILL',
      'unprocessable',
      what === 'transfer' ? 'You cannot send money to yourself' : 'You cannot bill yourself',
    );
  }
}

export class AmountTooLargeError extends DomainError {
  constructor(max: bigint) {
    super('AMOUNT_TOO_LARGE', 'invalid', `amount must be at most ${max} rupiah`);
  }
}

export class BillNotFoundError extends DomainError {
  constructor(code: string) {
    super('BILL_NOT_FOUND', 'not_found', `No bill "${code}" of yours`);
  }
}

export class BillNotUnpaidError extends DomainError {
  constructor(status: string) {
    super('BILL_NOT_UNPAID', 'conflict', `The bill is already ${status}`);
  }
}

export class OtpFieldsError extends DomainError {
  constructor(message: string) {
    super('OTP_FIELDS', 'invalid', message);
  }
}
