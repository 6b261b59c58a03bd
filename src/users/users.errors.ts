import { DomainError } from '../common/errors/domain-error';

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super('USERNAME_TAKEN', 'conflict', `Username "${username}" is already taken`);
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    super('EMAIL_TAKEN', 'conflict', 'That email address is already registered');
  }
}

export class UserNotFoundError extends DomainError {
  constructor(username: string) {
    super('USER_NOT_FOUND', 'not_found', `No user "${username}"`);
  }
}

export class OwnRoleChangeError extends DomainError {
  constructor() {
    super('OWN_ROLE_CHANGE', 'conflict', 'Admins cannot change their own role; ask another admin');
  }
}

export class InvalidPhoneError extends DomainError {
  constructor() {
    super('INVALID_PHONE', 'invalid', 'phone must be an Indonesian number, e.g. 0812-3456-7890 or +62 812 3456 7890');
  }
}
