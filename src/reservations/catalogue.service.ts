import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ResolvedConfig } from '../config/loket.config';
import { bookableRange, formatChatDate, isoDate } from './booking-dates';
import { Catalogue, CatalogueItem, Price, Slot, SlotAvailability } from './reservation.types';
import { BookingDateError, PartNotOfferedError, UnknownCatalogueItemError } from './reservations.errors';

const SLOT_COLUMNS = `code, label, to_char(starts_at, 'HH24:MI') AS start, to_char(ends_at, 'HH24:MI') AS "end", capacity`;

/** What a booking is for, resolved from its codes: names and the price as they are now. */
export interface OrderLine {
  model: CatalogueItem;
  part: CatalogueItem;
  slot: Slot;
  price: bigint;
}

/** The shop's catalogue and calendar as customers see them: active items, bookable days, places left. */
@Injectable()
export class CatalogueService {
  private readonly horizonDays: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.horizonDays = config.get('reservations', { infer: true }).horizonDays;
  }

  async catalogue(): Promise<Catalogue> {
    const [models, parts, prices, slots] = await Promise.all([
      this.db.query<CatalogueItem[]>('SELECT code, name FROM reservation_models WHERE active ORDER BY sort, code'),
      this.db.query<CatalogueItem[]>('SELECT code, name FROM reservation_parts WHERE active ORDER BY sort, code'),
      this.db.query<{ model: string; part: string; price: string }[]>(
        `SELECT p.model_code AS model, p.part_code AS part, p.price
           FROM reservation_prices p
           JOIN reservation_models m ON m.code = p.model_code AND m.active
           JOIN reservation_parts t ON t.code = p.part_code AND t.active
          ORDER BY m.sort, m.code, t.sort, t.code`,
      ),
      this.slots(),
    ]);
    return { models, parts, prices: prices.map((p): Price => ({ ...p, price: BigInt(p.price) })), slots };
  }

  slots(manager: EntityManager = this.db.manager): Promise<Slot[]> {
    return manager.query<Slot[]>(`SELECT ${SLOT_COLUMNS} FROM reservation_slots WHERE active ORDER BY starts_at, code`);
  }

  /** The day as YYYY-MM-DD if it can be booked; otherwise why not, for the API and for the chat. */
  async checkBookable(day: string, manager: EntityManager = this.db.manager, now = new Date()): Promise<string> {
    if (!isoDate(day)) throw new BookingDateError(`${day} is not a date (YYYY-MM-DD)`, 'Tanggal itu tidak ada.');
    const { first, last } = bookableRange(this.horizonDays, now);
    if (day < first) {
      throw new BookingDateError(
        `bookings start tomorrow, ${first}`,
        `Pemesanan paling cepat untuk besok, ${formatChatDate(first)}.`,
      );
    }
    if (day > last) {
      throw new BookingDateError(
        `bookings go up to ${last} (${this.horizonDays} days ahead)`,
        `Pemesanan paling lambat untuk ${formatChatDate(last)}.`,
      );
    }
    const [closed] = await manager.query<{ reason: string | null }[]>(
      'SELECT reason FROM reservation_closed_dates WHERE day = $1',
      [day],
    );
    if (closed) {
      const why = closed.reason ? ` (${closed.reason})` : '';
      throw new BookingDateError(
        `the shop is closed on ${day}${why}`,
        `Maaf, toko tutup pada tanggal itu${why}. Pilih tanggal lain.`,
      );
    }
    return day;
  }

  /** Every active slot of a bookable day with its places left. */
  async availability(day: string, manager: EntityManager = this.db.manager): Promise<SlotAvailability[]> {
    await this.checkBookable(day, manager);
    const rows = await manager.query<(Slot & { left: number })[]>(
      `SELECT s.code, s.label, to_char(s.starts_at, 'HH24:MI') AS start, to_char(s.ends_at, 'HH24:MI') AS "end",
              s.capacity, GREATEST(0, s.capacity - coalesce(d.taken, 0))::int AS left
         FROM reservation_slots s
         LEFT JOIN reservation_slot_days d ON d.slot_code = s.code AND d.day = $1
        WHERE s.active ORDER BY s.starts_at, s.code`,
      [day],
    );
    return rows;
  }

  /** The model, part and slot of a booking, by their codes; each unknown or inactive one named as its field. */
  async orderLine(
    codes: { model: string; part: string; slot: string },
    manager: EntityManager = this.db.manager,
  ): Promise<OrderLine> {
    const [row] = await manager.query<Record<string, string | number | null>[]>(
      `SELECT m.code AS model_code, m.name AS model_name, t.code AS part_code, t.name AS part_name,
              s.code AS slot_code, s.label, to_char(s.starts_at, 'HH24:MI') AS start,
              to_char(s.ends_at, 'HH24:MI') AS "end", s.capacity, p.price
         FROM (SELECT 1) one
         LEFT JOIN reservation_models m ON m.code = $1 AND m.active
         LEFT JOIN reservation_parts t ON t.code = $2 AND t.active
         LEFT JOIN reservation_slots s ON s.code = $3 AND s.active
         LEFT JOIN reservation_prices p ON p.model_code = m.code AND p.part_code = t.code`,
      [codes.model, codes.part, codes.slot],
    );
    if (row.model_code === null) throw new UnknownCatalogueItemError('model', codes.model);
    if (row.part_code === null) throw new UnknownCatalogueItemError('part', codes.part);
    if (row.slot_code === null) throw new UnknownCatalogueItemError('slot', codes.slot);
    if (row.price === null) throw new PartNotOfferedError(codes.model, codes.part);
    return {
      model: { code: String(row.model_code), name: String(row.model_name) },
      part: { code: String(row.part_code), name: String(row.part_name) },
      slot: {
        code: String(row.slot_code),
        label: String(row.label),
        start: String(row.start),
        end: String(row.end),
        capacity: Number(row.capacity),
      },
      price: BigInt(row.price),
    };
  }
}
