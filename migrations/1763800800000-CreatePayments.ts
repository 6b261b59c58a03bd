import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Midtrans payments: one row per checkout attempt (its own order_id), what happened to it
 * (events), every notification delivery as received, and refunds with their refund_key.
 * The money itself lives in the ledger; these rows point at its journals and holds.
 */
export class CreatePayments1763800800000 implements MigrationInterface {
  name = 'CreatePayments1763800800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        order_id varchar(50) NOT NULL,
        purpose varchar(32) NOT NULL,
        reference_id varchar(100) NOT NULL,
        owner_id uuid NOT NULL REFERENCES users (id),
        amount bigint NOT NULL,
        status varchar(24) NOT NULL DEFAULT 'pending',
        snap_token varchar(100),
        redirect_url varchar(500),
        payment_type varchar(40),
        va_number varchar(64),
        provider_error varchar(500),
        paid_journal_id uuid REFERENCES ledger_journals (id),
        review_hold_id uuid REFERENCES ledger_holds (id),
        refunded_amount bigint NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        paid_at timestamptz,
        last_notification_at timestamptz,
        next_check_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_pkey PRIMARY KEY (id),
        CONSTRAINT payments_order_id_key UNIQUE (order_id),
        CONSTRAINT payments_order_id_check CHECK (order_id ~ '^[A-Za-z0-9._~-]{1,50}$'),
        CONSTRAINT payments_amount_check CHECK (amount > 0),
        CONSTRAINT payments_refunded_check CHECK (refunded_amount BETWEEN 0 AND amount),
        CONSTRAINT payments_status_check CHECK (status IN ('pending', 'paid', 'failed', 'expired', 'refunded',
          'partially_refunded', 'refunded_offline', 'reversed', 'reversal_review'))
      )`);
    await queryRunner.query(`CREATE INDEX payments_owner_idx ON payments (owner_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX payments_created_idx ON payments (created_at DESC)`);
    await queryRunner.query(`CREATE INDEX payments_reference_idx ON payments (purpose, reference_id)`);
    // The reconciler's work list: only pending rows, by when they are next due.
    await queryRunner.query(`CREATE INDEX payments_pending_idx ON payments (expires_at) WHERE status = 'pending'`);

    await queryRunner.query(`
      CREATE TABLE payment_events (
        id bigserial NOT NULL,
        payment_id uuid NOT NULL REFERENCES payments (id),
        status varchar(24) NOT NULL,
        source varchar(16) NOT NULL,
        provider_status varchar(32),
        applied boolean NOT NULL,
        detail varchar(500),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT payment_events_pkey PRIMARY KEY (id),
        CONSTRAINT payment_events_source_check
          CHECK (source IN ('checkout', 'notification', 'reconciler', 'admin'))
      )`);
    await queryRunner.query(`CREATE INDEX payment_events_payment_idx ON payment_events (payment_id, id)`);

    // Every delivery, stored before anything is checked: raw bytes as received (bytea keeps even
    // bytes text columns refuse), and its outcome once known.
    await queryRunner.query(`
      CREATE TABLE payment_notifications (
        id bigserial NOT NULL,
        order_id varchar(100),
        payment_id uuid REFERENCES payments (id),
        raw_body bytea NOT NULL,
        headers jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        outcome varchar(32) NOT NULL DEFAULT 'received',
        detail varchar(500),
        CONSTRAINT payment_notifications_pkey PRIMARY KEY (id)
      )`);
    // By order_id, not payment: an admin sees the forged and refused deliveries for an order too.
    await queryRunner.query(`CREATE INDEX payment_notifications_order_idx ON payment_notifications (order_id, id)`);

    await queryRunner.query(`
      CREATE TABLE payment_refunds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        refund_key varchar(50) NOT NULL,
        amount bigint NOT NULL,
        reason varchar(200) NOT NULL,
        offline boolean NOT NULL,
        reference varchar(100),
        status varchar(16) NOT NULL DEFAULT 'pending',
        hold_id uuid REFERENCES ledger_holds (id),
        journal_id uuid REFERENCES ledger_journals (id),
        provider_reason varchar(500),
        requested_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT payment_refunds_pkey PRIMARY KEY (id),
        CONSTRAINT payment_refunds_key UNIQUE (refund_key),
        CONSTRAINT payment_refunds_amount_check CHECK (amount > 0),
        CONSTRAINT payment_refunds_status_check CHECK (status IN ('pending', 'succeeded', 'refused')),
        CONSTRAINT payment_refunds_offline_check CHECK (NOT offline OR reference IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payment_refunds`);
    await queryRunner.query(`DROP TABLE payment_notifications`);
    await queryRunner.query(`DROP TABLE payment_events`);
    await queryRunner.query(`DROP TABLE payments`);
  }
}
