import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { receivedCallback, type RawBodyRequest } from '../common/http/request-body';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { DigiflazzCallbackService, KEPT_HEADERS } from './digiflazz-callback.service';
import { CallbackAckResponse } from './dto/pulsa.responses';
import {
  InvalidSupplierCallbackError,
  InvalidSupplierSignatureError,
  SupplierCallbackDisabledError,
} from './pulsa.errors';

/** Where Digiflazz posts; the app's body parser keeps this route's bytes as received (`rawBody`). */
export const DIGIFLAZZ_CALLBACK_PATH = '/api/pulsa/suppliers/digiflazz/callback';

@ApiTags('pulsa')
@Controller('pulsa/suppliers/digiflazz')
export class DigiflazzCallbackController {
  constructor(private readonly callbacks: DigiflazzCallbackService) {}

  /**
   * Digiflazz' transaction callback. Public: the `X-Hub-Signature` HMAC over the raw body is its
   * proof. A repeat, or news about a purchase already final, answers 200 and changes nothing.
   * 503 while DIGIFLAZZ_WEBHOOK_SECRET is unset.
   */
  @Public()
  @Post('callback')
  @HttpCode(200)
  @ApiErrors(SupplierCallbackDisabledError, InvalidSupplierSignatureError, InvalidSupplierCallbackError)
  async callback(@Req() request: RawBodyRequest): Promise<CallbackAckResponse> {
    return { outcome: await this.callbacks.receive(receivedCallback(request, KEPT_HEADERS)) };
  }
}
