import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CatalogueAdminService } from './catalogue-admin.service';
import { CatalogueItemDto, ClosedDateDto, PriceDto, SlotDto } from './dto/catalogue-admin.dto';
import {
  AdminReservationCatalogueItemResponse,
  AdminReservationSlotResponse,
  ReservationClosedDateResponse,
} from './dto/catalogue-admin.responses';
import { ReservationPriceResponse } from './dto/reservations.responses';
import {
  BookingDateError,
  InvalidCatalogueCodeError,
  SlotTimesError,
  UnknownCatalogueItemError,
} from './reservations.errors';

/** The catalogue and calendar: models, parts, prices, slots (with their capacity) and closed dates. */
@ApiTags('admin: reservations')
@Roles('admin')
@Controller('admin/reservations')
export class AdminCatalogueController {
  constructor(private readonly admin: CatalogueAdminService) {}

  /** Every model, inactive ones too. */
  @Get('models')
  models(): Promise<AdminReservationCatalogueItemResponse[]> {
    return this.admin.items('model');
  }

  /** Adds or changes a model. */
  @ApiErrors(InvalidCatalogueCodeError)
  @Put('models/:code')
  putModel(
    @Param('code') code: string,
    @Body() body: CatalogueItemDto,
  ): Promise<AdminReservationCatalogueItemResponse> {
    return this.admin.putItem('model', code, body);
  }

  /** Stops offering a model; bookings made keep it. */
  @ApiErrors(UnknownCatalogueItemError)
  @Delete('models/:code')
  deleteModel(@Param('code') code: string): Promise<AdminReservationCatalogueItemResponse> {
    return this.admin.deactivateItem('model', code);
  }

  /** Every spare part, inactive ones too. */
  @Get('parts')
  parts(): Promise<AdminReservationCatalogueItemResponse[]> {
    return this.admin.items('part');
  }

  @ApiErrors(InvalidCatalogueCodeError)
  @Put('parts/:code')
  putPart(@Param('code') code: string, @Body() body: CatalogueItemDto): Promise<AdminReservationCatalogueItemResponse> {
    return this.admin.putItem('part', code, body);
  }

  @ApiErrors(UnknownCatalogueItemError)
  @Delete('parts/:code')
  deletePart(@Param('code') code: string): Promise<AdminReservationCatalogueItemResponse> {
    return this.admin.deactivateItem('part', code);
  }

  @Get('prices')
  prices(): Promise<ReservationPriceResponse[]> {
    return this.admin.prices();
  }

  /** Offers a part for a model at this price. */
  @ApiErrors(UnknownCatalogueItemError)
  @Put('prices/:model/:part')
  putPrice(
    @Param('model') model: string,
    @Param('part') part: string,
    @Body() body: PriceDto,
  ): Promise<ReservationPriceResponse> {
    return this.admin.putPrice(model, part, body.price);
  }

  @HttpCode(204)
  @ApiErrors(UnknownCatalogueItemError)
  @Delete('prices/:model/:part')
  deletePrice(@Param('model') model: string, @Param('part') part: string): Promise<void> {
    return this.admin.deletePrice(model, part);
  }

  @Get('slots')
  slots(): Promise<AdminReservationSlotResponse[]> {
    return this.admin.slots();
  }

  /** Adds or changes a slot (it must end after it starts); a lower capacity never drops bookings already made. */
  @ApiErrors(InvalidCatalogueCodeError, SlotTimesError)
  @Put('slots/:code')
  putSlot(@Param('code') code: string, @Body() body: SlotDto): Promise<AdminReservationSlotResponse> {
    return this.admin.putSlot(code, body);
  }

  @ApiErrors(UnknownCatalogueItemError)
  @Delete('slots/:code')
  deleteSlot(@Param('code') code: string): Promise<AdminReservationSlotResponse> {
    return this.admin.deactivateSlot(code);
  }

  /** Closed dates from 30 days ago on. */
  @Get('closed-dates')
  closedDates(): Promise<ReservationClosedDateResponse[]> {
    return this.admin.closedDates();
  }

  /** Closes the shop on a date: nobody can book it (bookings made stay). */
  @ApiErrors(BookingDateError)
  @Put('closed-dates/:date')
  close(@Param('date') date: string, @Body() body: ClosedDateDto): Promise<ReservationClosedDateResponse> {
    return this.admin.closeDate(date, body.reason);
  }

  @HttpCode(204)
  @ApiErrors(BookingDateError)
  @Delete('closed-dates/:date')
  open(@Param('date') date: string): Promise<void> {
    return this.admin.openDate(date);
  }
}
