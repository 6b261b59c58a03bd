import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { isoDate, slotLabel } from './booking-dates';
import { CatalogueItemDto, SlotDto } from './dto/catalogue-admin.dto';
import {
  AdminReservationCatalogueItemResponse,
  AdminReservationSlotResponse,
  ReservationClosedDateResponse,
} from './dto/catalogue-admin.responses';
import { ReservationPriceResponse } from './dto/reservations.responses';
import { CATALOGUE_CODE } from './dto/reservations.dto';
import {
  BookingDateError,
  InvalidCatalogueCodeError,
  SlotTimesError,
  UnknownCatalogueItemError,
} from './reservations.errors';
import { applyCapacity } from './slot-places';

export type ItemKind = 'model' | 'part';
const TABLE: Record<ItemKind, string> = { model: 'reservation_models', part: 'reservation_parts' };
const SLOT_SELECT = `SELECT code, label, to_char(starts_at, 'HH24:MI') AS start, to_char(ends_at, 'HH24:MI') AS "end",
                            capacity, active FROM reservation_slots`;

function checkCode(field: string, code: string): string {
  if (!CATALOGUE_CODE.test(code)) throw new InvalidCatalogueCodeError(field);
  return code;
}

/**
 * Admin changes to the catalogue and calendar. Nothing a booking points at is ever deleted:
 * models, parts and slots are deactivated instead; prices and closed dates can go.
 */
@Injectable()
export class CatalogueAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  items(kind: ItemKind): Promise<AdminReservationCatalogueItemResponse[]> {
    return this.db.query(`SELECT code, name, sort, active FROM ${TABLE[kind]} ORDER BY sort, code`);
  }

  async putItem(kind: ItemKind, code: string, item: CatalogueItemDto): Promise<AdminReservationCatalogueItemResponse> {
    const [row] = await this.db.query<AdminReservationCatalogueItemResponse[]>(
      `INSERT INTO ${TABLE[kind]} AS t (code, name, sort, active) VALUES ($1, $2, coalesce($3, 0), coalesce($4, true))
       ON CONFLICT (code) DO UPDATE SET name = $2, sort = coalesce($3, t.sort), active = coalesce($4, t.active)
       RETURNING code, name, sort, active`,
      [checkCode(kind, code), item.name, item.sort ?? null, item.active ?? null],
    );
    return row;
  }

  async deactivateItem(kind: ItemKind, code: string): Promise<AdminReservationCatalogueItemResponse> {
    const [rows] = await this.db.query<[AdminReservationCatalogueItemResponse[]]>(
      `UPDATE ${TABLE[kind]} SET active = false WHERE code = $1 RETURNING code, name, sort, active`,
      [code],
    );
    if (!rows[0]) throw new UnknownCatalogueItemError(kind, code);
    return rows[0];
  }

  async prices(): Promise<ReservationPriceResponse[]> {
    return this.db.query(
      `SELECT model_code AS model, part_code AS part, price::text AS price FROM reservation_prices
        ORDER BY model_code, part_code`,
    );
  }

  async putPrice(model: string, part: string, price: bigint): Promise<ReservationPriceResponse> {
    await this.known('model', model);
    await this.known('part', part);
    await this.db.query(
      `INSERT INTO reservation_prices (model_code, part_code, price) VALUES ($1, $2, $3)
       ON CONFLICT (model_code, part_code) DO UPDATE SET price = $3`,
      [model, part, price.toString()],
    );
    return { model, part, price: price.toString() };
  }

  /** The pair is no longer offered; bookings keep the price they were made at. */
  async deletePrice(model: string, part: string): Promise<void> {
    const [, count] = await this.db.query<[unknown, number]>(
      'DELETE FROM reservation_prices WHERE model_code = $1 AND part_code = $2',
      [model, part],
    );
    if (count === 0) throw new UnknownCatalogueItemError('part', `${model}/${part}`);
  }

  slots(): Promise<AdminReservationSlotResponse[]> {
    return this.db.query(`${SLOT_SELECT} ORDER BY starts_at, code`);
  }

  /** A new capacity applies to days already booked too, never below the places they have taken. */
  putSlot(code: string, slot: SlotDto): Promise<AdminReservationSlotResponse> {
    checkCode('slot', code);
    if (slot.start >= slot.end) throw new SlotTimesError(slot.start, slot.end);
    return this.ledger.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO reservation_slots AS s (code, label, starts_at, ends_at, capacity, active)
         VALUES ($1, $2, $3, $4, $5, coalesce($6, true))
         ON CONFLICT (code) DO UPDATE SET label = $2, starts_at = $3, ends_at = $4, capacity = $5,
                                          active = coalesce($6, s.active)`,
        [code, slot.label ?? slotLabel(slot.start, slot.end), slot.start, slot.end, slot.capacity, slot.active ?? null],
      );
      await applyCapacity(manager, code, slot.capacity);
      const [row] = await manager.query<AdminReservationSlotResponse[]>(`${SLOT_SELECT} WHERE code = $1`, [code]);
      return row;
    });
  }

  async deactivateSlot(code: string): Promise<AdminReservationSlotResponse> {
    const [rows] = await this.db.query<[AdminReservationSlotResponse[]]>(
      `UPDATE reservation_slots SET active = false WHERE code = $1
       RETURNING code, label, to_char(starts_at, 'HH24:MI') AS start, to_char(ends_at, 'HH24:MI') AS "end", capacity, active`,
      [code],
    );
    if (!rows[0]) throw new UnknownCatalogueItemError('slot', code);
    return rows[0];
  }

  closedDates(): Promise<ReservationClosedDateResponse[]> {
    return this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, reason FROM reservation_closed_dates WHERE day >= current_date - 30
        ORDER BY day`,
    );
  }

  async closeDate(day: string, reason?: string): Promise<ReservationClosedDateResponse> {
    if (!isoDate(day)) throw new BookingDateError(`${day} is not a date (YYYY-MM-DD)`, 'Tanggal itu tidak ada.');
    await this.db.query(
      `INSERT INTO reservation_closed_dates (day, reason) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET reason = $2`,
      [day, reason ?? null],
    );
    return { date: day, reason: reason ?? null };
  }

  async openDate(day: string): Promise<void> {
    if (!isoDate(day)) throw new BookingDateError(`${day} is not a date (YYYY-MM-DD)`, 'Tanggal itu tidak ada.');
    await this.db.query('DELETE FROM reservation_closed_dates WHERE day = $1', [day]);
  }

  private async known(kind: ItemKind, code: string): Promise<void> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM ${TABLE[kind]} WHERE code = $1`, [code]);
    if (rows.length === 0) throw new UnknownCatalogueItemError(kind, code);
  }
}
