import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pulsa reseller: the product catalogue, agents' PINs, purchases (each with its supplier
 * ref_id, a price snapshot and the ledger hold of the agent price) and every supplier callback as
 * received. Balances stay in the ledger; a purchase points at its hold.
 */
export class CreatePulsa1763800900000 implements MigrationInterface {
  name = 'CreatePulsa1763800900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pulsa_products (
        code varchar(16) NOT NULL,
        name varchar(100) NOT NULL,
        operator varchar(16) NOT NULL,
        nominal bigint NOT NULL,
        price bigint NOT NULL,
        supplier varchar(16) NOT NULL,
        supplier_sku varchar(64) NOT NULL,
        supplier_cost bigint NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pulsa_products_pkey PRIMARY KEY (code),
        CONSTRAINT pulsa_products_code_check CHECK (code ~ '^[A-Z][A-Z0-9]{0,15}$'),
        CONSTRAINT pulsa_products_operator_check
          CHECK (operator IN ('telkomsel', 'indosat', 'xl', 'axis', 'tri', 'smartfren')),
        CONSTRAINT pulsa_products_amounts_check CHECK (nominal > 0 AND price > 0 AND supplier_cost > 0)
      )`);

    // An agent is a users row with role 'agent'; this row holds what only pulsa needs.
    await queryRunner.query(`
      CREATE TABLE pulsa_agents (
        user_id uuid NOT NULL REFERENCES users (id),
        pin_hash varchar(64),
        pin_failures int NOT NULL DEFAULT 0,
        locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pulsa_agents_pkey PRIMARY KEY (user_id),
        CONSTRAINT pulsa_agents_failures_check CHECK (pin_failures BETWEEN 0 AND 5)
      )`);

    await queryRunner.query(`
      CREATE TABLE pulsa_transactions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        short_id varchar(9) NOT NULL,
        ref_id varchar(36) NOT NULL,
        agent_id uuid NOT NULL REFERENCES users (id),
        product_code varchar(16) NOT NULL,
        operator varchar(16) NOT NULL,
        nominal bigint NOT NULL,
        destination varchar(16) NOT NULL,
        counter int NOT NULL DEFAULT 1,
        price bigint NOT NULL,
        cost bigint NOT NULL,
        supplier varchar(16) NOT NULL,
        supplier_sku varchar(64) NOT NULL,
        hold_id uuid NOT NULL REFERENCES ledger_holds (id),
        status varchar(8) NOT NULL DEFAULT 'pending',
        sn varchar(100),
        reason varchar(300),
        supplier_rc varchar(8),
        supplier_message varchar(300),
        idempotency_key varchar(200),
        request_hash varchar(64),
        channel varchar(8) NOT NULL,
        sent_at timestamptz,
        checks int NOT NULL DEFAULT 0,
        next_check_at timestamptz NOT NULL,
        finalised_by varchar(16),
        finalised_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pulsa_transactions_pkey PRIMARY KEY (id),
        CONSTRAINT pulsa_transactions_short_id_key UNIQUE (short_id),
        CONSTRAINT pulsa_transactions_ref_id_key UNIQUE (ref_id),
        CONSTRAINT pulsa_transactions_hold_key UNIQUE (hold_id),
        CONSTRAINT pulsa_transactions_idempotency_key UNIQUE (agent_id, idempotency_key),
        CONSTRAINT pulsa_transactions_short_id_check CHECK (short_id ~ '^T[0-9]{8}$'),
        CONSTRAINT pulsa_transactions_status_check CHECK (status IN ('pending', 'success', 'failed')),
        CONSTRAINT pulsa_transactions_final_check CHECK (
          (status = 'pending' AND finalised_at IS NULL)
          OR (status = 'success' AND finalised_at IS NOT NULL)
          OR (status = 'failed' AND finalised_at IS NOT NULL AND reason IS NOT NULL)),
        CONSTRAINT pulsa_transactions_counter_check CHECK (counter BETWEEN 1 AND 999),
        CONSTRAINT pulsa_transactions_channel_check CHECK (channel IN ('rest', 'chat', 'message')),
        CONSTRAINT pulsa_transactions_finalised_by_check
          CHECK (finalised_by IS NULL OR finalised_by IN ('supplier', 'callback', 'reconciler', 'admin'))
      )`);
    await queryRunner.query(
      `CREATE INDEX pulsa_transactions_agent_idx ON pulsa_transactions (agent_id, created_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX pulsa_transactions_created_idx ON pulsa_transactions (created_at DESC)`);
    // The duplicate check and CEK.NOMOR: an agent's latest purchases to one number.
    await queryRunner.query(
      `CREATE INDEX pulsa_transactions_destination_idx ON pulsa_transactions (agent_id, destination, created_at DESC)`,
    );
    // The reconciler's work list: only pending rows, by when they are due.
    await queryRunner.query(
      `CREATE INDEX pulsa_transactions_pending_idx ON pulsa_transactions (next_check_at) WHERE status = 'pending'`,
    );

    // Every callback delivery, stored before it is checked, with what came of it.
    await queryRunner.query(`
      CREATE TABLE pulsa_supplier_callbacks (
        id bigserial NOT NULL,
        supplier varchar(16) NOT NULL,
        ref_id varchar(100),
        raw_body bytea NOT NULL,
        headers jsonb NOT NULL,
        outcome varchar(16) NOT NULL DEFAULT 'received',
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT pulsa_supplier_callbacks_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(`CREATE INDEX pulsa_supplier_callbacks_ref_idx ON pulsa_supplier_callbacks (ref_id, id)`);

    // Agents confirm a new PIN with a one-time password of its own action.
    await queryRunner.query(`ALTER TABLE otp_challenges DROP CONSTRAINT otp_challenges_action_check`);
    await queryRunner.query(`ALTER TABLE otp_challenges ADD CONSTRAINT otp_challenges_action_check
      CHECK (action IN ('transfer', 'bill.create', 'bill.pay', 'pulsa.pin'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM otp_challenges WHERE action = 'pulsa.pin'`);
    await queryRunner.query(`ALTER TABLE otp_challenges DROP CONSTRAINT otp_challenges_action_check`);
    await queryRunner.query(`ALTER TABLE otp_challenges ADD CONSTRAINT otp_challenges_action_check
      CHECK (action IN ('transfer', 'bill.create', 'bill.pay'))`);
    await queryRunner.query(`DROP TABLE pulsa_supplier_callbacks`);
    await queryRunner.query(`DROP TABLE pulsa_transactions`);
    await queryRunner.query(`DROP TABLE pulsa_agents`);
    await queryRunner.query(`DROP TABLE pulsa_products`);
  }
}
