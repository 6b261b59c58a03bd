import { domainError } from '../common/errors/domain-error';

export class InvalidCredentialsError extends domainError('INVALID_CREDENTIALS', 'unauthorized') {
  constructor() {
    super('Wrong username or password');
  }
}
