import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { User } from '../users/entities/user.entity';
import { LinkInvitationResponse } from './dto/link-invitation.response';
import { TelegramLinksService } from './telegram-links.service';

@ApiTags('telegram')
@ApiBearerAuth()
@Controller('telegram')
export class TelegramLinkController {
  constructor(private readonly links: TelegramLinksService) {}

  /** A one-use code that links the Telegram chat which opens it to your account (503 while the bot is off). */
  @Post('link')
  link(@CurrentUser() user: User): Promise<LinkInvitationResponse> {
    return this.links.invite(user);
  }
}
