import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLES } from '../common/auth/auth.decorators';
import { User, UserRole } from '../users/entities/user.entity';
import { SignedInUsers } from '../users/signed-in-users';
import { AccessTokenClaims } from './auth.service';
import { VerifiedTokens } from './verified-tokens';

/**
 * Every route needs a valid Bearer token unless marked @Public(). The user is the database's current
 * one, not the token's claims, so a role change or a removed account takes effect on the next
 * request, not when the token expires; SignedInUsers keeps it in memory until it changes.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: SignedInUsers,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (context.getType() !== 'http') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: User }>();
    const user = await this.authenticate(request.headers.authorization);
    request.user = user;

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`This needs the ${roles.join(' or ')} role`);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<User> {
    // The scheme name is case-insensitive (RFC 9110).
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/i.exec(header ?? '');
    if (!match)
      throw new UnauthorizedException('Missing or malformed Authorization header; send "Bearer <accessToken>"');
    const token = match[1];
    let claims = this.verified.get(token);
    if (claims === undefined) {
      try {
        claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      } catch {
        throw new UnauthorizedException('Invalid or expired access token; sign in again');
      }
      this.verified.add(token, claims);
    }
    const user = typeof claims.sub === 'string' && isUUID(claims.sub) ? await this.users.get(claims.sub) : null;
    if (!user) throw new UnauthorizedException('Invalid or expired access token; sign in again');
    return user;
  }
}
