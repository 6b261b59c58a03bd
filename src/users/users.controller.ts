import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UserLookupResponse } from './dto/user.response';
import { UsersService } from './users.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { UserNotFoundError } from './users.errors';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Who a username belongs to: check the recipient before a transfer or a bill. */
  @ApiErrors(UserNotFoundError)
  @Get(':username')
  async lookup(@Param('username') username: string): Promise<UserLookupResponse> {
    const user = await this.users.getByUsername(username);
    return { username: user.username, name: user.name };
  }
}
