import { Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { User } from '../users/entities/user.entity';
import { LinkInvitationResponse } from './dto/link-invitation.response';
import { TelegramLinksService } from './telegram-links.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { TelegramDisabledError } from './telegram.errors';

@ApiTags('telegram')
@Controller('telegram')
export class TelegramLinkController {
  constructor(private readonly links: TelegramLinksService) {}

  /** A one-use code that links the Telegram chat which opens it to your account (503 while the bot is off). */
  @ApiErrors(TelegramDisabledError)
  @Post('link')
  link(@CurrentUser() user: User): Promise<LinkInvitationResponse> {
    return this.links.invite(user);
  }
}
