import { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time passwords, wallet transfers and bills. Money itself lives in the ledger. */
export class CreateWallet1763800200000 implements MigrationInterface {
  name = 'CreateWallet1763800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE otp_challenges (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        action varchar(32) NOT NULL,
        payload_hash char(64) NOT NULL,
        code_hash char(64) NOT NULL,
        channel varchar(16) NOT NULL,
        failed_attempts int NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT otp_challenges_pkey PRIMARY KEY (id),
        CONSTRAINT otp_challenges_action_check CHECK (action IN ('transfer', 'bill.create', 'bill.pay')),
        CONSTRAINT otp_challenges_attempts_check CHECK (failed_attempts BETWEEN 0 AND 5)
      )`);
    await queryRunner.query(
      `CREATE INDEX otp_challenges_user_created_idx ON otp_challenges (user_id, created_at DESC)`,
    );

    await queryRunner.query(`
      CREATE TABLE wallet_transfers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        from_user_id uuid NOT NULL REFERENCES users (id),
        to_user_id uuid NOT NULL REFERENCES users (id),
        amount bigint NOT NULL,
        description varchar(200),
        journal_id uuid NOT NULL REFERENCES ledger_journals (id),
        balance_after bigint NOT NULL,
        idempotency_key varchar(200),
        request_hash char(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT wallet_transfers_pkey PRIMARY KEY (id),
        CONSTRAINT wallet_transfers_amount_check CHECK (amount > 0),
        CONSTRAINT wallet_transfers_not_self_check CHECK (from_user_id <> to_user_id)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX wallet_transfers_idempotency_key ON wallet_transfers (from_user_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX wallet_transfers_created_idx ON wallet_transfers (created_at DESC)`);
    await queryRunner.query(`CREATE INDEX wallet_transfers_to_idx ON wallet_transfers (to_user_id)`);

    await queryRunner.query(`
      CREATE TABLE bills (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(10) NOT NULL,
        name varchar(100) NOT NULL,
        description varchar(500),
        amount bigint NOT NULL,
        from_user_id uuid NOT NULL REFERENCES users (id),
        to_user_id uuid NOT NULL REFERENCES users (id),
        status varchar(16) NOT NULL DEFAULT 'unpaid',
        journal_id uuid REFERENCES ledger_journals (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT bills_pkey PRIMARY KEY (id),
        CONSTRAINT bills_code_key UNIQUE (code),
        CONSTRAINT bills_amount_check CHECK (amount > 0),
        CONSTRAINT bills_not_self_check CHECK (from_user_id <> to_user_id),
        CONSTRAINT bills_status_check CHECK (status IN ('unpaid', 'paid', 'cancelled', 'declined')),
        CONSTRAINT bills_paid_has_journal_check CHECK ((status = 'paid') = (journal_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX bills_from_idx ON bills (from_user_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX bills_to_idx ON bills (to_user_id, created_at DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bills`);
    await queryRunner.query(`DROP TABLE wallet_transfers`);
    await queryRunner.query(`DROP TABLE otp_challenges`);
  }
}
