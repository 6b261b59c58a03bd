import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { USER_ROLES, UserRole } from '../entities/user.entity';

export class ListUsersQuery extends PageQuery {
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  /** Matches the start of a username. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  username?: string;
}
