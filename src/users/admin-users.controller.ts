import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { LinkInvitationResponse } from '../telegram/dto/link-invitation.response';
import { TelegramLinksService } from '../telegram/telegram-links.service';
import { ChangeRoleDto } from './dto/change-role.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UserPageResponse } from './dto/user-page.response';
import { UserProfileResponse } from './dto/user.response';
import { User } from './entities/user.entity';
import { UsersService } from './users.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { TelegramDisabledError } from '../telegram/telegram.errors';
import { OwnRoleChangeError, UserNotFoundError } from './users.errors';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly links: TelegramLinksService,
  ) {}

  /** All users, oldest first, optionally by role or username prefix. */
  @Get()
  async list(@Query() query: ListUsersQuery): Promise<UserPageResponse> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map((u) => UserProfileResponse.of(u)) };
  }

  /** Gives a user another role (not your own). */
  @ApiErrors(UserNotFoundError, OwnRoleChangeError)
  @Patch(':username')
  async changeRole(
    @CurrentUser() admin: User,
    @Param('username') username: string,
    @Body() body: ChangeRoleDto,
  ): Promise<UserProfileResponse> {
    return UserProfileResponse.of(await this.users.changeRole(admin, username, body.role));
  }

  /**
   * A one-use link to this user's account for their own Telegram, as when registering a pulsa
   * agent: make them an agent (PATCH above), then hand them this link. 503 while the bot is off.
   */
  @ApiErrors(UserNotFoundError, TelegramDisabledError)
  @Post(':username/telegram-link')
  async telegramLink(@CurrentUser() admin: User, @Param('username') username: string): Promise<LinkInvitationResponse> {
    return this.links.invite(await this.users.getByUsername(username), admin);
  }
}
