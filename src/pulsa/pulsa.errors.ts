import { domainError } from '../common/errors/domain-error';

export class ProductNotFoundError extends domainError('PRODUCT_NOT_FOUND', 'not_found') {
  constructor(code: string) {
    super(`No pulsa product "${code}"`);
  }
}

export class ProductInactiveError extends domainError('PRODUCT_INACTIVE', 'unprocessable') {
  constructor(code: string) {
    super(`Product ${code} is not sold at the moment`);
  }
}

export class ProductExistsError extends domainError('PRODUCT_EXISTS', 'conflict') {
  constructor(code: string) {
    super(`Product ${code} already exists`);
  }
}

export class InvalidDestinationError extends domainError('INVALID_DESTINATION', 'invalid') {
  constructor() {
    super('destination must be a mobile number: 08…, 628… or +628…, 10 to 13 digits');
  }
}

export class WrongOperatorError extends domainError('WRONG_OPERATOR', 'unprocessable') {
  constructor(destination: string, productOperator: string, numberOperator: string | null) {
    super(
      numberOperator
        ? `${destination} is a ${numberOperator} number; this product is for ${productOperator}`
        : `${destination} belongs to no known operator; this product is for ${productOperator}`,
    );
  }
}

export class UnknownOperatorError extends domainError('UNKNOWN_OPERATOR', 'invalid') {
  constructor(name: string) {
    super(`No operator "${name}"; use telkomsel, indosat, xl, axis, tri or smartfren`);
  }
}

export class DuplicatePurchaseError extends domainError('DUPLICATE_PURCHASE', 'conflict') {
  constructor(
    readonly earlier: string,
    readonly counter: number,
  ) {
    super(
      counter === 1
        ? `The same product to the same number is already transaction ${earlier}; add a counter (e.g. .2) to buy again`
        : `Counter ${counter} was already used by transaction ${earlier}; use another counter`,
    );
  }
}

export class NotAnAgentError extends domainError('NOT_AN_AGENT', 'unprocessable') {
  constructor() {
    super('Only pulsa agents can do this');
  }
}

export class PinRequiredError extends domainError('PIN_REQUIRED', 'invalid') {
  constructor() {
    super('Your PIN is required: add it after the number, e.g. T10.081234567890.1234');
  }
}

export class PinNotSetError extends domainError('PIN_NOT_SET', 'invalid') {
  constructor() {
    super('You have no PIN; send the command without one, or set a PIN first');
  }
}

export class InvalidPinError extends domainError('INVALID_PIN', 'invalid') {
  constructor() {
    super('pin must be 4 to 6 digits');
  }
}

export class WrongPinError extends domainError('WRONG_PIN', 'unauthorized') {
  constructor(readonly triesLeft: number) {
    super(
      triesLeft > 0
        ? `Wrong PIN; ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left before purchases are locked`
        : 'Wrong PIN; purchases are now locked until an admin unlocks them',
    );
  }
}

export class AgentLockedError extends domainError('AGENT_LOCKED', 'forbidden') {
  constructor() {
    super('Purchases are locked after 5 wrong PINs; ask an admin to unlock them');
  }
}

export class PulsaTransactionNotFoundError extends domainError('PULSA_TRANSACTION_NOT_FOUND', 'not_found') {
  constructor(id: string) {
    super(`No pulsa transaction ${id}`);
  }
}

export class TransactionNotPendingError extends domainError('TRANSACTION_NOT_PENDING', 'conflict') {
  constructor(id: string, status: string) {
    super(`Transaction ${id} is already ${status}`);
  }
}

export class SupplierCallbackDisabledError extends domainError('SUPPLIER_CALLBACK_DISABLED', 'unavailable') {
  constructor() {
    super('Supplier callbacks are off: DIGIFLAZZ_WEBHOOK_SECRET is unset');
  }
}

export class InvalidSupplierSignatureError extends domainError('INVALID_SUPPLIER_SIGNATURE', 'unauthorized') {
  constructor() {
    super('X-Hub-Signature does not match the body');
  }
}

export class InvalidSupplierCallbackError extends domainError('INVALID_SUPPLIER_CALLBACK', 'invalid') {
  constructor(problem: string) {
    super(`Not a supplier callback: ${problem}`);
  }
}

export class DepositTooSmallError extends domainError('DEPOSIT_TOO_SMALL', 'invalid') {
  constructor(min: bigint) {
    super(`A deposit must be at least ${min} rupiah`);
  }
}

export class InvalidReportRangeError extends domainError('INVALID_REPORT_RANGE', 'invalid') {
  constructor(problem: string) {
    super(problem);
  }
}
