import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { OTP_CONFIRMATION_ERRORS } from '../otp/otp.errors';
import { User } from '../users/entities/user.entity';
import { AgentsService } from './agents.service';
import { CatalogueService } from './catalogue.service';
import { ProductsQuery, PulsaMessageDto, SetPinDto } from './dto/pulsa.dto';
import { MessageReplyResponse, ProductResponse } from './dto/pulsa.responses';
import { PulsaCommandsService } from './pulsa-commands.service';
import { InvalidPinError } from './pulsa.errors';

@ApiTags('pulsa')
@Controller('pulsa')
export class PulsaController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly agents: AgentsService,
    private readonly commands: PulsaCommandsService,
  ) {}

  /** What is for sale, with the agent price, by operator and nominal. */
  @Roles('agent', 'admin')
  @Get('products')
  async products(@Query() query: ProductsQuery): Promise<ProductResponse[]> {
    return (await this.catalogue.list({ operator: query.operator })).map((p) => ProductResponse.of(p));
  }

  /** Sets your purchase PIN, confirmed by a `pulsa.pin` code from POST /api/otp. */
  @Roles('agent')
  @Put('pin')
  @HttpCode(204)
  @ApiErrors(...OTP_CONFIRMATION_ERRORS, InvalidPinError)
  async setPin(@CurrentUser() agent: User, @Body() body: SetPinDto): Promise<void> {
    await this.agents.setOwnPin(agent, body.pin, body.otp);
  }

  /**
   * A command as typed in the chat (`T10.081234567890.1234`, `SAL`, `STATUS.T04829137`, …), for
   * SMS or web-chat gateways: answers exactly what the Telegram bot answers. A refusal is a reply
   * too (200), as it is in the chat.
   */
  @Roles('agent')
  @Post('messages')
  @HttpCode(200)
  async message(@CurrentUser() agent: User, @Body() body: PulsaMessageDto): Promise<MessageReplyResponse> {
    const answer = await this.commands.answer(agent, body.text, { channel: 'message', group: false });
    answer.followUp?.();
    return { reply: answer.text };
  }
}
