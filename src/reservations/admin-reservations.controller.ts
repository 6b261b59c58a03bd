import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { User } from '../users/entities/user.entity';
import { AdminReservationsQuery, MoveReservationDto, ScheduleQuery } from './dto/reservations.dto';
import {
  ReservationDetailResponse,
  ReservationPageResponse,
  ReservationResponse,
  ReservationScheduleResponse,
} from './dto/reservations.responses';
import { ReservationMovesService } from './reservation-moves.service';
import { ReservationQueries } from './reservation-queries.service';
import { BookingDateError, ReservationNotFoundError, StatusMoveError } from './reservations.errors';

@ApiTags('admin: reservations')
@Roles('admin')
@Controller('admin/reservations')
export class AdminReservationsController {
  constructor(
    private readonly queries: ReservationQueries,
    private readonly moves: ReservationMovesService,
  ) {}

  /** Bookings by day range, status, payment status or code, newest day first. */
  @Get()
  list(@Query() query: AdminReservationsQuery): Promise<ReservationPageResponse> {
    return this.queries.list(query);
  }

  /** One day's slots with their places left and the bookings that hold them. */
  @ApiErrors(BookingDateError)
  @Get('schedule')
  schedule(@Query() query: ScheduleQuery): Promise<ReservationScheduleResponse> {
    return this.queries.schedule(query.date);
  }

  /** One booking with its status history and every payment event. */
  @ApiErrors(ReservationNotFoundError)
  @Get(':code')
  get(@Param('code') code: string): Promise<ReservationDetailResponse> {
    return this.queries.detail(code);
  }

  /**
   * Moves a booking: confirmed → in_progress → done → picked_up, or cancelled (a paid booking is
   * then refunded through Midtrans). Any other move is 409 STATUS_MOVE_REFUSED.
   */
  @ApiErrors(ReservationNotFoundError, StatusMoveError)
  @Patch(':code')
  async move(
    @CurrentUser() admin: User,
    @Param('code') code: string,
    @Body() body: MoveReservationDto,
  ): Promise<ReservationResponse> {
    const moved = await this.moves.moveByCode(code, body.status, 'admin', { note: body.note, requestedBy: admin.id });
    return ReservationResponse.of(moved);
  }
}
