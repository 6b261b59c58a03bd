import { Controller, Get, Param, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../common/auth/auth.decorators';
import { DomainError, HTTP_STATUS_BY_KIND } from '../common/errors/domain-error';
import { sentenceFor } from '../telegram/bot/bot-messages';
import { PagesService } from './pages.service';
import { ReservationAccess } from './reservation-access.service';
import { ReservationNotFoundError } from './reservations.errors';

export const VIEWS_DIR = join(__dirname, 'views');

/** Read once: a few kilobytes that change only with a new build. */
let stylesheetText: string | undefined;

/**
 * The shop's web pages (server-rendered, outside /api and the API document): the home page and
 * the booking's "Data Order" page, reached only with its secret `t`.
 */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly access: ReservationAccess,
  ) {}

  @Get()
  @Render('home')
  home() {
    return this.pages.home();
  }

  @Get('reservasi.css')
  stylesheet(@Res() res: FastifyReply): void {
    stylesheetText ??= readFileSync(join(VIEWS_DIR, 'reservasi.css'), 'utf8');
    void res.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheetText);
  }

  /** A wrong or missing token is the same 404 page as an unknown code. */
  @Get('orders/:code')
  async order(@Param('code') code: string, @Query('t') token: unknown, @Res() res: FastifyReply): Promise<void> {
    try {
      await res.view('order', await this.pages.order(await this.access.find(code, token)));
    } catch (error) {
      if (!(error instanceof ReservationNotFoundError)) throw error;
      await res.code(404).view('not-found', this.pages.notFound());
    }
  }

  /** Bayar Sekarang when the last attempt ended: a fresh Midtrans attempt, then there. */
  @Get('orders/:code/pay')
  async pay(@Param('code') code: string, @Query('t') token: unknown, @Res() res: FastifyReply): Promise<void> {
    try {
      const { redirectUrl } = await this.access.paymentLink(code, token);
      await res.redirect(redirectUrl, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const page =
        error instanceof ReservationNotFoundError
          ? this.pages.notFound()
          : this.pages.problem('Pembayaran belum bisa dibuat', sentenceFor(error));
      await res.code(HTTP_STATUS_BY_KIND[error.kind]).view('not-found', page);
    }
  }
}
