import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, HistoryEntry, PaymentState, Reservation, ReservationStatus } from './reservation.types';

const SELECT = `
  SELECT r.id, r.code, to_char(r.day, 'YYYY-MM-DD') AS day, r.slot_code, s.label AS slot_label,
         r.model_code, m.name AS model_name, r.part_code, t.name AS part_name, r.price, r.customer_name,
         r.customer_phone, r.chat_id::float8 AS chat_id, r.status, r.payment_status, r.last_order_id,
         r.payment_url, r.payment_expires_at, r.hold_expires_at, r.created_at
    FROM reservations r
    JOIN reservation_slots s ON s.code = r.slot_code
    JOIN reservation_models m ON m.code = r.model_code
    JOIN reservation_parts t ON t.code = r.part_code`;

type Row = Record<string, unknown>;

export interface NewReservation {
  day: string;
  slotCode: string;
  modelCode: string;
  partCode: string;
  price: bigint;
  customerName: string;
  customerPhone: string | null;
  chatId: number | null;
  holdExpiresAt: Date;
}

export interface ReservationFilter {
  from?: string;
  to?: string;
  status?: ReservationStatus;
  paymentStatus?: PaymentState;
  code?: string;
  limit: number;
  offset: number;
}

/** "12345678": eight digits, the first never 0, so it reads as the number it is. */
export const newBookingCode = () => String(randomInt(10_000_000, 100_000_000));

/** Bookings and their history in SQL; the rules about them live in the services. */
@Injectable()
export class ReservationsStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts with `code` (or a fresh random one), drawing again in the rare case it is taken. */
  async insert(manager: EntityManager, booking: NewReservation, code = newBookingCode()): Promise<Reservation> {
    for (let attempt = 0; ; attempt++) {
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO reservations (code, day, slot_code, model_code, part_code, price, customer_name,
                                   customer_phone, chat_id, hold_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [
          attempt === 0 ? code : newBookingCode(),
          booking.day,
          booking.slotCode,
          booking.modelCode,
          booking.partCode,
          booking.price.toString(),
          booking.customerName,
          booking.customerPhone,
          booking.chatId,
          booking.holdExpiresAt,
        ],
      );
      if (row) return (await this.byId(manager, row.id))!;
    }
  }

  async findByCode(code: string, manager: EntityManager = this.db.manager): Promise<Reservation | null> {
    if (!/^\d{8}$/.test(code)) return null;
    const [row] = await manager.query<Row[]>(`${SELECT} WHERE r.code = $1`, [code]);
    return row ? toReservation(row) : null;
  }

  /** The booking, locked until the transaction ends: every status change goes through here. */
  async lockByCode(manager: EntityManager, code: string): Promise<Reservation | null> {
    if (!/^\d{8}$/.test(code)) return null;
    const [row] = await manager.query<Row[]>(`${SELECT} WHERE r.code = $1 FOR UPDATE OF r`, [code]);
    return row ? toReservation(row) : null;
  }

  async setStatus(
    manager: EntityManager,
    booking: Reservation,
    to: ReservationStatus,
    actor: Actor,
    note?: string,
  ): Promise<Reservation> {
    await manager.query(`UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1`, [booking.id, to]);
    await this.addHistory(manager, booking.id, booking.status, to, actor, note);
    return { ...booking, status: to };
  }

  async addHistory(
    manager: EntityManager,
    id: string,
    from: ReservationStatus | null,
    to: ReservationStatus,
    actor: Actor,
    note?: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO reservation_history (reservation_id, from_status, to_status, actor, note) VALUES ($1, $2, $3, $4, $5)`,
      [id, from, to, actor, note?.slice(0, 300) ?? null],
    );
  }

  async setPayment(manager: EntityManager, id: string, state: PaymentState): Promise<void> {
    await manager.query(`UPDATE reservations SET payment_status = $2, updated_at = now() WHERE id = $1`, [id, state]);
  }

  /** A new attempt's link, unless a payment settled the booking meanwhile. */
  async notePaymentAttempt(id: string, attempt: { orderId: string; url: string; expiresAt: Date }): Promise<void> {
    await this.db.query(
      `UPDATE reservations SET payment_status = 'pending', last_order_id = $2, payment_url = $3,
              payment_expires_at = $4, updated_at = now()
        WHERE id = $1 AND payment_status IN ('unpaid', 'pending')`,
      [id, attempt.orderId, attempt.url, attempt.expiresAt],
    );
  }

  async history(id: string, manager: EntityManager = this.db.manager): Promise<HistoryEntry[]> {
    const rows = await manager.query<Row[]>(
      `SELECT from_status, to_status, actor, note, created_at FROM reservation_history
        WHERE reservation_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r) => ({
      from: r.from_status as ReservationStatus | null,
      to: r.to_status as ReservationStatus,
      actor: r.actor as Actor,
      note: r.note as string | null,
      at: r.created_at as Date,
    }));
  }

  async list(filter: ReservationFilter): Promise<{ items: Reservation[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('r.day >= ?', filter.from);
    if (filter.to) add('r.day <= ?', filter.to);
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.paymentStatus) add('r.payment_status = ?', filter.paymentStatus);
    if (filter.code) add('r.code = ?', filter.code);
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM reservations r${clause}`,
      params,
    );
    const rows = await this.db.query<Row[]>(
      `${SELECT}${clause} ORDER BY r.day DESC, s.starts_at, r.created_at
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows.map(toReservation), total };
  }

  /** One day's bookings that hold a place, by slot. */
  async onDay(day: string): Promise<Reservation[]> {
    const rows = await this.db.query<Row[]>(
      `${SELECT} WHERE r.day = $1 AND r.status NOT IN ('cancelled', 'expired') ORDER BY s.starts_at, r.created_at`,
      [day],
    );
    return rows.map(toReservation);
  }

  /** The chat's booking by code; null for any other chat, as if it did not exist. */
  async findForChat(code: string, chatId: number): Promise<Reservation | null> {
    const booking = await this.findByCode(code);
    return booking && booking.chatId === chatId ? booking : null;
  }

  private async byId(manager: EntityManager, id: string): Promise<Reservation | null> {
    const [row] = await manager.query<Row[]>(`${SELECT} WHERE r.id = $1`, [id]);
    return row ? toReservation(row) : null;
  }
}

function toReservation(row: Row): Reservation {
  return {
    id: row.id as string,
    code: row.code as string,
    day: row.day as string,
    slotCode: row.slot_code as string,
    slotLabel: row.slot_label as string,
    modelCode: row.model_code as string,
    modelName: row.model_name as string,
    partCode: row.part_code as string,
    partName: row.part_name as string,
    price: BigInt(row.price as string),
    customerName: row.customer_name as string,
    customerPhone: row.customer_phone as string | null,
    chatId: row.chat_id === null ? null : Number(row.chat_id),
    status: row.status as ReservationStatus,
    paymentStatus: row.payment_status as PaymentState,
    lastOrderId: row.last_order_id as string | null,
    paymentUrl: row.payment_url as string | null,
    paymentExpiresAt: row.payment_expires_at as Date | null,
    holdExpiresAt: row.hold_expires_at as Date,
    createdAt: row.created_at as Date,
  };
}
