import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { DigiflazzCallbackService, KEPT_HEADERS } from './digiflazz-callback.service';
import { CallbackAckResponse } from './dto/pulsa.responses';
import {
  InvalidSupplierCallbackError,
  InvalidSupplierSignatureError,
  SupplierCallbackDisabledError,
} from './pulsa.errors';

/** A callback is a few hundred bytes; the app's JSON parser allows 100 kB too. */
const MAX_BODY_BYTES = 100 * 1024;

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
  async callback(@Req() request: Request & { rawBody?: Buffer }): Promise<CallbackAckResponse> {
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value.slice(0, 200);
    }
    return { outcome: await this.callbacks.receive({ rawBody: await rawBodyOf(request), headers }) };
  }
}

/** The bytes as sent: kept by the JSON parser, or read here when the body was not JSON. */
async function rawBodyOf(request: Request & { rawBody?: Buffer }): Promise<Buffer> {
  if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
  if (!request.readable) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new InvalidSupplierCallbackError('the body is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
