import { IsIn } from 'class-validator';
import { USER_ROLES, UserRole } from '../entities/user.entity';

export class ChangeRoleDto {
  /** @example "agent" */
  @IsIn(USER_ROLES)
  role!: UserRole;
}
