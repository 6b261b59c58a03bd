import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { TelegramLinksService } from '../telegram/telegram-links.service';
import { MeResponse, UserProfileResponse } from './dto/user.response';
import { User } from './entities/user.entity';

@ApiTags('users')
@Controller('me')
export class MeController {
  constructor(private readonly telegram: TelegramLinksService) {}

  /** The signed-in user's own profile. */
  @Get()
  async me(@CurrentUser() user: User): Promise<MeResponse> {
    return { ...UserProfileResponse.of(user), telegramLinked: await this.telegram.isLinked(user.id) };
  }
}
