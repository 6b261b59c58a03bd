import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { User, UserRole } from '../../users/entities/user.entity';

export const IS_PUBLIC = 'loket:isPublic';
export const REQUIRED_ROLES = 'loket:roles';

/** The route needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (others get 403). */
export const Roles = (...roles: UserRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The signed-in user, loaded fresh for this request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<{ user: User }>().user,
);
