import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { EXTENSION, OperationExtension } from '../openapi/operation-extensions';
import type { User, UserRole } from '../../users/entities/user.entity';

export const IS_PUBLIC = 'loket:isPublic';
export const REQUIRED_ROLES = 'loket:roles';

/** The route needs no token (and the API document asks for none). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), OperationExtension(EXTENSION.isPublic, true));

/** Only these roles may call the route (others get 403). */
export const Roles = (...roles: UserRole[]) =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), OperationExtension(EXTENSION.roles, roles));

/** The signed-in user, loaded fresh for this request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<{ user: User }>().user,
);
