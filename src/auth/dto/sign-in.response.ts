import { PublicUserResponse } from '../../users/dto/user.response';
import { SignInResult } from '../auth.service';

export class SignInResponse {
  accessToken!: string;
  /** @example "Bearer" */
  tokenType!: 'Bearer';
  /** Seconds until the token expires. @example 86400 */
  expiresIn!: number;
  user!: PublicUserResponse;

  static of(result: SignInResult): SignInResponse {
    return { ...result, user: PublicUserResponse.of(result.user) };
  }
}
