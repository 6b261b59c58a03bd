import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ResolvedConfig } from '../config/loket.config';
import { User } from '../users/entities/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { NewUser, UsersService } from '../users/users.service';
import { InvalidCredentialsError } from './auth.errors';

export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: string;
}

export interface SignInResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: User;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<ResolvedConfig, true>,
  ) {}

  /** Self sign-up always makes a customer; other roles are given by an admin. */
  signUp(input: Omit<NewUser, 'role'>): Promise<User> {
    return this.users.create({ ...input, role: 'customer' });
  }

  async signIn(username: string, password: string): Promise<SignInResult> {
    const user = await this.users.findForSignIn(username);
    if (!(await this.hasher.verify(user?.passwordHash, password)) || !user) throw new InvalidCredentialsError();
    const claims: AccessTokenClaims = { sub: user.id, username: user.username, role: user.role };
    const expiresIn = this.config.get('auth', { infer: true }).jwtTtlSeconds;
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, user };
  }
}
