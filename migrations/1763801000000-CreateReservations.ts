import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repair reservations: the catalogue (device models, parts, a price per pair, time slots with a
 * capacity, closed dates), one counting row per slot and day whose CHECK keeps bookings within
 * capacity, the bookings with their status history, and the user that owns their payments
 * (payments.owner_id must name a user; customers who book are not Loket users).
 */
export class CreateReservations1763801000000 implements MigrationInterface {
  name = 'CreateReservations1763801000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['reservation_models', 'reservation_parts']) {
      await queryRunner.query(`
        CREATE TABLE ${table} (
          code varchar(32) NOT NULL,
          name varchar(100) NOT NULL,
          sort int NOT NULL DEFAULT 0,
          active boolean NOT NULL DEFAULT true,
          created_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT ${table}_pkey PRIMARY KEY (code),
          CONSTRAINT ${table}_code_check CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,31}$')
        )`);
    }
    await queryRunner.query(`
      CREATE TABLE reservation_prices (
        model_code varchar(32) NOT NULL REFERENCES reservation_models (code),
        part_code varchar(32) NOT NULL REFERENCES reservation_parts (code),
        price bigint NOT NULL,
        CONSTRAINT reservation_prices_pkey PRIMARY KEY (model_code, part_code),
        CONSTRAINT reservation_prices_price_check CHECK (price > 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE reservation_slots (
        code varchar(32) NOT NULL,
        label varchar(100) NOT NULL,
        starts_at time NOT NULL,
        ends_at time NOT NULL,
        capacity int NOT NULL,
        active boolean NOT NULL DEFAULT true,
        CONSTRAINT reservation_slots_pkey PRIMARY KEY (code),
        CONSTRAINT reservation_slots_code_check CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
        CONSTRAINT reservation_slots_times_check CHECK (starts_at < ends_at),
        CONSTRAINT reservation_slots_capacity_check CHECK (capacity BETWEEN 0 AND 1000)
      )`);
    await queryRunner.query(`
      CREATE TABLE reservation_closed_dates (
        day date NOT NULL,
        reason varchar(200),
        CONSTRAINT reservation_closed_dates_pkey PRIMARY KEY (day)
      )`);
    // The places of one slot on one day. A booking takes one with a conditional upsert and gives
    // it back when it is cancelled or expires; the CHECK is the last word under any concurrency.
    await queryRunner.query(`
      CREATE TABLE reservation_slot_days (
        slot_code varchar(32) NOT NULL REFERENCES reservation_slots (code),
        day date NOT NULL,
        capacity int NOT NULL,
        taken int NOT NULL DEFAULT 0,
        CONSTRAINT reservation_slot_days_pkey PRIMARY KEY (slot_code, day),
        CONSTRAINT reservation_slot_days_taken_check CHECK (taken >= 0 AND taken <= capacity)
      )`);
    await queryRunner.query(`
      CREATE TABLE reservations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code char(8) NOT NULL,
        day date NOT NULL,
        slot_code varchar(32) NOT NULL REFERENCES reservation_slots (code),
        model_code varchar(32) NOT NULL REFERENCES reservation_models (code),
        part_code varchar(32) NOT NULL REFERENCES reservation_parts (code),
        price bigint NOT NULL,
        customer_name varchar(100) NOT NULL,
        customer_phone varchar(16),
        chat_id bigint,
        status varchar(20) NOT NULL DEFAULT 'awaiting_payment',
        payment_status varchar(12) NOT NULL DEFAULT 'unpaid',
        last_order_id varchar(50),
        payment_url varchar(500),
        payment_expires_at timestamptz,
        hold_expires_at timestamptz NOT NULL,
        reminded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reservations_pkey PRIMARY KEY (id),
        CONSTRAINT reservations_code_key UNIQUE (code),
        CONSTRAINT reservations_code_check CHECK (code ~ '^[0-9]{8}$'),
        CONSTRAINT reservations_price_check CHECK (price > 0),
        CONSTRAINT reservations_status_check CHECK (status IN ('awaiting_payment', 'confirmed', 'in_progress',
          'done', 'picked_up', 'cancelled', 'expired')),
        CONSTRAINT reservations_payment_status_check
          CHECK (payment_status IN ('unpaid', 'pending', 'paid', 'refunded'))
      )`);
    await queryRunner.query(`CREATE INDEX reservations_day_idx ON reservations (day, slot_code)`);
    await queryRunner.query(`CREATE INDEX reservations_chat_idx ON reservations (chat_id) WHERE chat_id IS NOT NULL`);
    // The sweeper's and the reminder's work lists.
    await queryRunner.query(
      `CREATE INDEX reservations_unpaid_idx ON reservations (hold_expires_at) WHERE status = 'awaiting_payment'`,
    );
    await queryRunner.query(
      `CREATE INDEX reservations_remind_idx ON reservations (day) WHERE status = 'confirmed' AND reminded_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE reservation_history (
        id bigserial NOT NULL,
        reservation_id uuid NOT NULL REFERENCES reservations (id),
        from_status varchar(20),
        to_status varchar(20) NOT NULL,
        actor varchar(12) NOT NULL,
        note varchar(300),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT reservation_history_pkey PRIMARY KEY (id),
        CONSTRAINT reservation_history_actor_check CHECK (actor IN ('customer', 'admin', 'payment', 'system'))
      )`);
    await queryRunner.query(
      `CREATE INDEX reservation_history_reservation_idx ON reservation_history (reservation_id, id)`,
    );
    // The owner of every reservation payment: it cannot sign in (no password hash verifies).
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM users WHERE id = '00000000-0000-4000-8000-00000000f12a') THEN
          INSERT INTO users (id, username, password_hash, name, role)
          VALUES ('00000000-0000-4000-8000-00000000f12a',
                  CASE WHEN EXISTS (SELECT 1 FROM users WHERE username = 'loket_reservasi')
                       THEN 'loket_reservasi_' || substr(md5(random()::text), 1, 8) ELSE 'loket_reservasi' END,
                  '!', 'Reservasi servis (sistem)', 'customer');
        END IF;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'reservation_history',
      'reservations',
      'reservation_slot_days',
      'reservation_closed_dates',
      'reservation_slots',
      'reservation_prices',
      'reservation_parts',
      'reservation_models',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    // The user stays when payments still point at it.
    await queryRunner.query(`
      DELETE FROM users u WHERE id = '00000000-0000-4000-8000-00000000f12a'
         AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.owner_id = u.id)`);
  }
}
