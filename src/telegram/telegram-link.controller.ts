import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { User } from '../users/entities/user.entity';
import { TelegramLinksService } from './telegram-links.service';

export class LinkInvitationResponse {
  /** One use, valid 15 minutes. */
  code!: string;
  /** Open it in Telegram, or send `/start <code>` to the bot. @example "https://t.me/LoketBot?start=Zm9vYmFy" */
  deepLink!: string;
  expiresAt!: Date;
}

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
