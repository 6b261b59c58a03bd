import { domainError } from '../common/errors/domain-error';

/** The date cannot be booked: the reason names the field and why (past, closed, beyond the horizon). */
export class BookingDateError extends domainError('BOOKING_DATE_REFUSED', 'invalid') {
  constructor(reason: string, sentence: string) {
    super(`date: ${reason}`);
    this.params = { reason: sentence };
  }
}

export class UnknownCatalogueItemError extends domainError('CATALOGUE_ITEM_UNKNOWN', 'invalid') {
  constructor(field: 'model' | 'part' | 'slot', code: string) {
    super(`${field}: there is no ${field} "${code}"; GET /api/catalog lists them`);
    this.params = { field };
  }
}

export class PartNotOfferedError extends domainError('PART_NOT_OFFERED', 'invalid') {
  constructor(model: string, part: string) {
    super(`part: "${part}" is not offered for model "${model}"; GET /api/catalog lists the prices`);
  }
}

export class SlotFullError extends domainError('SLOT_FULL', 'conflict') {
  constructor() {
    super('slot: no places left in this slot on that date; choose another one');
  }
}

export class ReservationNotFoundError extends domainError('RESERVATION_NOT_FOUND', 'not_found') {
  constructor(code: string) {
    super(`No booking "${code}"`);
  }
}

export class StatusMoveError extends domainError('STATUS_MOVE_REFUSED', 'conflict') {
  constructor(from: string, to: string) {
    super(`A booking that is ${from} cannot become ${to}`);
    this.params = { from, to };
  }
}

export class NotPayableError extends domainError('RESERVATION_NOT_PAYABLE', 'conflict') {
  constructor(status: string) {
    super(`A booking that is ${status} takes no payment`);
  }
}

export class CatalogueItemInUseError extends domainError('CATALOGUE_ITEM_IN_USE', 'conflict') {
  constructor(what: string) {
    super(`${what} is used by bookings; deactivate it instead`);
  }
}

export class InvalidCatalogueCodeError extends domainError('CATALOGUE_CODE_INVALID', 'invalid') {
  constructor(field: string) {
    super(`${field} must be 1 to 32 characters of a-z, 0-9, - and _, starting with a letter or digit`);
  }
}

export class SlotTimesError extends domainError('SLOT_TIMES_INVALID', 'invalid') {
  constructor(start: string, end: string) {
    super(`end: a slot must end after it starts (start ${start}, end ${end})`);
  }
}
