import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination/page.dto';
import { LowerCaseTrimmed } from '../../common/validation/transforms';
import { USER_ROLES, UserRole } from '../entities/user.entity';
import { USERNAME_PREFIX_PATTERN } from './username';

export class ListUsersQuery extends PageQuery {
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  /** Matches the start of a username. */
  @IsOptional()
  @LowerCaseTrimmed()
  @Matches(USERNAME_PREFIX_PATTERN, { message: 'username must be the start of a username: a-z, 0-9 and _' })
  @IsString()
  username?: string;
}
