import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { TelegramLinksService } from '../telegram/telegram-links.service';
import { UserProfileResponse } from './dto/user.response';
import { User } from './entities/user.entity';

export class MeResponse extends UserProfileResponse {
  /** Whether a Telegram chat is linked to this account (POST /api/telegram/link). */
  telegramLinked!: boolean;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly telegram: TelegramLinksService) {}

  /** The signed-in user's own profile. */
  @Get()
  async me(@CurrentUser() user: User): Promise<MeResponse> {
    return { ...UserProfileResponse.of(user), telegramLinked: await this.telegram.isLinked(user.id) };
  }
}
