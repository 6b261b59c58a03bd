import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { LowerCaseTrimmed } from '../../common/validation/transforms';
import { USER_ROLES, UserRole } from '../entities/user.entity';

export class ListUsersQuery extends PageQuery {
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  /** Matches the start of a username. */
  @IsOptional()
  @LowerCaseTrimmed()
  @Matches(/^[a-z0-9_]{1,32}$/, { message: 'username must be the start of a username: a-z, 0-9 and _' })
  @IsString()
  username?: string;
}
