import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { OverviewQuery } from './dto/overview.dto';
import { OverviewResponse } from './dto/overview.responses';
import { OverviewService } from './overview.service';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/overview')
export class OverviewController {
  constructor(private readonly overviews: OverviewService) {}

  /**
   * The last `days` Asia/Jakarta days (today included, oldest first, every day present): wallet
   * transfers and top-ups, pulsa sales, bookings made, payments received; and what needs an admin now.
   */
  @Get()
  async get(@Query() query: OverviewQuery): Promise<OverviewResponse> {
    return OverviewResponse.of(await this.overviews.overview(query.days));
  }
}
