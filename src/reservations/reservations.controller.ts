import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CommonErrors } from '../common/openapi/common-errors';
import { PaymentProviderError, PaymentsDisabledError } from '../payments/payments.errors';
import { PaymentsEnabledGuard } from '../payments/payments-enabled.guard';
import { InvalidPhoneError } from '../users/users.errors';
import { BookingRateLimitGuard } from './booking-rate-limit.guard';
import { BookingService } from './booking.service';
import { CatalogueService } from './catalogue.service';
import { AvailabilityQuery, CreateReservationDto, StatusTokenDto } from './dto/reservations.dto';
import {
  ReservationAvailabilityResponse,
  BookingCreatedResponse,
  CatalogResponse,
  ReservationPaymentLinkResponse,
  ReservationResponse,
} from './dto/reservations.responses';
import { ReservationAccess } from './reservation-access.service';
import {
  BookingDateError,
  NotPayableError,
  PartNotOfferedError,
  ReservationNotFoundError,
  SlotFullError,
  StatusMoveError,
  UnknownCatalogueItemError,
} from './reservations.errors';

/** The customer's side, no sign-in: the catalogue, places left, booking, cancelling with the status link. */
@ApiTags('reservations')
@Public()
@Controller()
export class ReservationsController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly bookings: BookingService,
    private readonly access: ReservationAccess,
  ) {}

  /** Device models, parts, a price per (model, part) pair on offer, and the day's slots. */
  @Get('catalog')
  async catalog(): Promise<CatalogResponse> {
    return CatalogResponse.of(await this.catalogue.catalogue());
  }

  /** Every slot of a bookable day with its places left. */
  @ApiErrors(BookingDateError)
  @Get('reservations/availability')
  async availability(@Query() query: AvailabilityQuery): Promise<ReservationAvailabilityResponse> {
    return ReservationAvailabilityResponse.of(query.date, await this.catalogue.availability(query.date));
  }

  /**
   * Books a place and starts its Midtrans payment. The place is held until the payment expires
   * (RESERVATION_PAYMENT_MINUTES); RESERVATION_RATE_LIMIT bookings a minute per client address.
   */
  @UseGuards(PaymentsEnabledGuard, BookingRateLimitGuard)
  @ApiErrors(
    CommonErrors.tooManyRequests,
    PaymentsDisabledError,
    BookingDateError,
    NotPayableError,
    UnknownCatalogueItemError,
    PartNotOfferedError,
    InvalidPhoneError,
    SlotFullError,
  )
  @Post('reservations')
  async book(@Body() body: CreateReservationDto): Promise<BookingCreatedResponse> {
    return BookingCreatedResponse.of(await this.bookings.book(body));
  }

  /** The payment page of an unpaid booking: the open attempt's, or a new attempt (order id CODE-2, …). */
  @UseGuards(PaymentsEnabledGuard)
  @ApiErrors(PaymentsDisabledError, ReservationNotFoundError, NotPayableError, PaymentProviderError)
  @Post('reservations/:code/payment')
  async pay(@Param('code') code: string, @Body() body: StatusTokenDto): Promise<ReservationPaymentLinkResponse> {
    return ReservationPaymentLinkResponse.of(await this.access.paymentLink(code, body.token));
  }

  /** Cancels before work starts, with the `t` of the status link; a paid booking is refunded. */
  @HttpCode(200)
  @ApiErrors(ReservationNotFoundError, StatusMoveError)
  @Post('reservations/:code/cancel')
  async cancel(@Param('code') code: string, @Body() body: StatusTokenDto): Promise<ReservationResponse> {
    return ReservationResponse.of(await this.access.cancel(code, body.token));
  }
}
