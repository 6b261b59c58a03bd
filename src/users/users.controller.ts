import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UsersService } from './users.service';

export class UserLookupResponse {
  /** @example "budi" */
  username!: string;
  /** @example "Budi Santoso" */
  name!: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Who a username belongs to: check the recipient before a transfer or a bill. */
  @Get(':username')
  async lookup(@Param('username') username: string): Promise<UserLookupResponse> {
    const user = await this.users.getByUsername(username);
    return { username: user.username, name: user.name };
  }
}
