import { domainError } from '../common/errors/domain-error';

export class UsernameTakenError extends domainError('USERNAME_TAKEN', 'conflict') {
  constructor(username: string) {
    super(`Username "${username}" is already taken`);
  }
}

export class EmailTakenError extends domainError('EMAIL_TAKEN', 'conflict') {
  constructor() {
    super('That email address is already registered');
  }
}

export class UserNotFoundError extends domainError('USER_NOT_FOUND', 'not_found') {
  constructor(username: string) {
    super(`No user "${username}"`);
  }
}

export class OwnRoleChangeError extends domainError('OWN_ROLE_CHANGE', 'conflict') {
  constructor() {
    super('Admins cannot change their own role; ask another admin');
  }
}

export class InvalidPhoneError extends domainError('INVALID_PHONE', 'invalid') {
  constructor() {
    super('phone must be an Indonesian number, e.g. 0812-3456-7890 or +62 812 3456 7890');
  }
}
