import { DomainError } from '../common/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'unauthorized', 'Wrong username or password');
  }
}
