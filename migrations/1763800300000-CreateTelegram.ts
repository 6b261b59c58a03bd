import { MigrationInterface, QueryRunner } from 'typeorm';

/** The Telegram channel: inbox of updates, outbox of messages, chat sessions and account links. */
export class CreateTelegram1763800300000 implements MigrationInterface {
  name = 'CreateTelegram1763800300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE telegram_inbox (
        update_id bigint NOT NULL,
        chat_id bigint,
        from_id bigint,
        kind varchar(32) NOT NULL,
        text text,
        callback_data varchar(128),
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        handled_at timestamptz,
        outcome varchar(16),
        error text,
        CONSTRAINT telegram_inbox_pkey PRIMARY KEY (update_id),
        CONSTRAINT telegram_inbox_outcome_check CHECK (outcome IN ('ok', 'error', 'ignored'))
      )`);
    await queryRunner.query(
      `CREATE INDEX telegram_inbox_unhandled_idx ON telegram_inbox (chat_id, update_id) WHERE handled_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE telegram_outbox (
        id bigserial NOT NULL,
        chat_id bigint NOT NULL,
        method varchar(32) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        last_error text,
        message_id bigint,
        inbox_update_id bigint,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        sent_at timestamptz,
        CONSTRAINT telegram_outbox_pkey PRIMARY KEY (id),
        CONSTRAINT telegram_outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'unknown'))
      )`);
    await queryRunner.query(
      `CREATE INDEX telegram_outbox_open_idx ON telegram_outbox (chat_id, id) WHERE status IN ('pending', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX telegram_outbox_sent_idx ON telegram_outbox (sent_at DESC, chat_id) WHERE sent_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE telegram_sessions (
        key varchar(64) NOT NULL,
        data jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT telegram_sessions_pkey PRIMARY KEY (key)
      )`);

    await queryRunner.query(`
      CREATE TABLE telegram_links (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        chat_id bigint NOT NULL,
        telegram_user_id bigint NOT NULL,
        telegram_username varchar(64),
        linked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT telegram_links_pkey PRIMARY KEY (user_id),
        CONSTRAINT telegram_links_chat_key UNIQUE (chat_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE telegram_link_codes (
        code varchar(32) NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT telegram_link_codes_pkey PRIMARY KEY (code)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'telegram_link_codes',
      'telegram_links',
      'telegram_sessions',
      'telegram_outbox',
      'telegram_inbox',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
