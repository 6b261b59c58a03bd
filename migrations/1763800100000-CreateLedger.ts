import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry ledger. Writes go only through the ledger_* functions below, called by
 * LedgerService: each is one round trip, takes its row locks in account-id order, and raises
 * SQLSTATEs of class LK that the service maps to typed errors.
 *
 * Hot accounts: accounts that may go negative (system accounts) are never locked or updated per
 * journal; their entries are appended and their balance is the sum of their entries. Only accounts
 * that must stay non-negative (wallets) keep a cached balance under a row lock.
 */
export class CreateLedger1763800100000 implements MigrationInterface {
  name = 'CreateLedger1763800100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_accounts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(120) NOT NULL,
        owner_type varchar(16) NOT NULL,
        owner_id uuid,
        currency char(3) NOT NULL DEFAULT 'IDR',
        allow_negative boolean NOT NULL DEFAULT false,
        balance bigint NOT NULL DEFAULT 0,
        held bigint NOT NULL DEFAULT 0,
        version bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_accounts_pkey PRIMARY KEY (id),
        CONSTRAINT ledger_accounts_code_key UNIQUE (code),
        CONSTRAINT ledger_accounts_owner_type_check CHECK (owner_type IN ('user', 'system')),
        CONSTRAINT ledger_accounts_currency_check CHECK (currency = 'IDR'),
        CONSTRAINT ledger_accounts_held_check CHECK (held >= 0),
        CONSTRAINT ledger_accounts_available_check CHECK (allow_negative OR balance - held >= 0),
        CONSTRAINT ledger_accounts_hot_check CHECK (NOT allow_negative OR balance = 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX ledger_accounts_owner_idx ON ledger_accounts (owner_id) WHERE owner_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ledger_journals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind varchar(32) NOT NULL,
        idempotency_scope varchar(120) NOT NULL DEFAULT 'ledger',
        idempotency_key varchar(200),
        request_hash char(64) NOT NULL,
        reference varchar(200),
        metadata jsonb NOT NULL DEFAULT '{}',
        reverses_journal_id uuid REFERENCES ledger_journals (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_journals_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_journals_idempotency_key ON ledger_journals (idempotency_scope, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_journals_reverses_key ON ledger_journals (reverses_journal_id)
      WHERE reverses_journal_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ledger_journals_reference_idx ON ledger_journals (reference)`);

    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id bigserial NOT NULL,
        journal_id uuid NOT NULL REFERENCES ledger_journals (id),
        account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        amount bigint NOT NULL,
        balance_after bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_entries_pkey PRIMARY KEY (id),
        CONSTRAINT ledger_entries_amount_check CHECK (amount <> 0)
      )`);
    await queryRunner.query(`CREATE INDEX ledger_entries_journal_idx ON ledger_entries (journal_id)`);
    await queryRunner.query(
      `CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id DESC) INCLUDE (amount)`,
    );

    await queryRunner.query(`
      CREATE TABLE ledger_holds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        idempotency_scope varchar(120) NOT NULL DEFAULT 'ledger',
        idempotency_key varchar(200),
        request_hash char(64) NOT NULL,
        from_account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        to_account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        amount bigint NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        committed_amount bigint,
        journal_id uuid REFERENCES ledger_journals (id),
        kind varchar(32) NOT NULL,
        reference varchar(200),
        metadata jsonb NOT NULL DEFAULT '{}',
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT ledger_holds_pkey PRIMARY KEY (id),
        CONSTRAINT ledger_holds_amount_check CHECK (amount > 0),
        CONSTRAINT ledger_holds_status_check CHECK (status IN ('pending', 'committed', 'voided', 'expired')),
        CONSTRAINT ledger_holds_committed_check CHECK (
          (status = 'committed') = (committed_amount IS NOT NULL AND journal_id IS NOT NULL)
          AND (committed_amount IS NULL OR committed_amount BETWEEN 1 AND amount))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_holds_idempotency_key ON ledger_holds (idempotency_scope, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX ledger_holds_pending_idx ON ledger_holds (expires_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_holds_account_idx ON ledger_holds (from_account_id) WHERE status = 'pending'`,
    );

    // Journals and entries are immutable: corrections are new reversing journals.
    await queryRunner.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger % rows are immutable', TG_TABLE_NAME USING ERRCODE = 'LKIMM';
      END $$`);
    for (const table of ['ledger_journals', 'ledger_entries']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }

    await queryRunner.query(`
      INSERT INTO ledger_accounts (code, owner_type, allow_negative) VALUES
        ('system:cash', 'system', true),
        ('system:midtrans_clearing', 'system', true),
        ('system:supplier_payable', 'system', true),
        ('system:revenue:pulsa', 'system', true),
        ('system:revenue:service', 'system', true)`);
    // Every user has a wallet from sign-up on, including those who signed up before the ledger.
    await queryRunner.query(`
      INSERT INTO ledger_accounts (code, owner_type, owner_id) SELECT 'wallet:' || id, 'user', id FROM users`);

    await this.createFunctions(queryRunner);
  }

  private async createFunctions(queryRunner: QueryRunner): Promise<void> {
    // Applies signed legs to accounts for an inserted journal: wallets (allow_negative = false)
    // are updated under their row lock, taken in id order before any update; hot accounts only get an entry.
    // Account locks are FOR NO KEY UPDATE: the foreign-key checks of entry and hold inserts take KEY SHARE
    // on the accounts they name, which FOR UPDATE would block, deadlocking a hold to a wallet against a
    // journal locking that wallet first.
    await queryRunner.query(`
      CREATE FUNCTION ledger_apply_entries(p_journal uuid, p_codes text[], p_amounts bigint[])
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_account record;
        v_balance bigint;
        v_available bigint;
        v_found int;
      BEGIN
        IF coalesce(array_length(p_codes, 1), 0) < 2 OR array_length(p_codes, 1) <> array_length(p_amounts, 1) THEN
          RAISE EXCEPTION 'a journal needs at least two legs' USING ERRCODE = 'LKUNB';
        END IF;
        IF (SELECT sum(a) FROM unnest(p_amounts) a) <> 0 OR EXISTS (SELECT 1 FROM unnest(p_amounts) a WHERE a = 0) THEN
          RAISE EXCEPTION 'legs must be non-zero and sum to zero' USING ERRCODE = 'LKUNB';
        END IF;
        SELECT count(*) INTO v_found FROM ledger_accounts WHERE code = ANY (p_codes);
        IF v_found <> (SELECT count(DISTINCT c) FROM unnest(p_codes) c) THEN
          RAISE EXCEPTION '%', (SELECT c FROM unnest(p_codes) c WHERE NOT EXISTS (
            SELECT 1 FROM ledger_accounts WHERE code = c) LIMIT 1) USING ERRCODE = 'LKNOA';
        END IF;
        PERFORM 1 FROM ledger_accounts WHERE code = ANY (p_codes) AND NOT allow_negative ORDER BY id FOR NO KEY UPDATE;
        FOR i IN 1 .. array_length(p_codes, 1) LOOP
          SELECT id, allow_negative INTO v_account FROM ledger_accounts WHERE code = p_codes[i];
          IF v_account.allow_negative THEN
            INSERT INTO ledger_entries (journal_id, account_id, amount) VALUES (p_journal, v_account.id, p_amounts[i]);
          ELSE
            -- Checked before the update, which would otherwise trip the available-balance CHECK.
            SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_account.id;
            IF v_available + p_amounts[i] < 0 THEN
              RAISE EXCEPTION '%', p_codes[i] USING ERRCODE = 'LKINS', DETAIL = v_available::text;
            END IF;
            UPDATE ledger_accounts SET balance = balance + p_amounts[i], version = version + 1
              WHERE id = v_account.id RETURNING balance INTO v_balance;
            INSERT INTO ledger_entries (journal_id, account_id, amount, balance_after)
              VALUES (p_journal, v_account.id, p_amounts[i], v_balance);
          END IF;
        END LOOP;
      END $$`);

    // What a journal's caller gets back: one row per entry.
    await queryRunner.query(`
      CREATE FUNCTION ledger_journal_result(p_journal uuid, p_replayed boolean)
      RETURNS TABLE (journal_id uuid, replayed boolean, created_at timestamptz, account_code text, amount bigint, balance_after bigint)
      LANGUAGE sql STABLE AS $$
        SELECT j.id, p_replayed, j.created_at, a.code::text, e.amount, e.balance_after
        FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id JOIN ledger_accounts a ON a.id = e.account_id
        WHERE j.id = p_journal ORDER BY e.id
      $$`);

    // Inserts the journal row, or finds the one an earlier request with the same key made.
    await queryRunner.query(`
      CREATE FUNCTION ledger_open_journal(p_kind text, p_scope text, p_key text, p_hash text, p_reference text,
                                          p_metadata jsonb, p_reverses uuid, OUT journal_id uuid, OUT replayed boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_hash text;
      BEGIN
        replayed := false;
        INSERT INTO ledger_journals (kind, idempotency_scope, idempotency_key, request_hash, reference, metadata, reverses_journal_id)
          VALUES (p_kind, p_scope, p_key, p_hash, p_reference, coalesce(p_metadata, '{}'), p_reverses)
          ON CONFLICT (idempotency_scope, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
          RETURNING id INTO journal_id;
        IF journal_id IS NULL THEN
          SELECT j.id, j.request_hash INTO journal_id, v_hash FROM ledger_journals j
            WHERE j.idempotency_scope = p_scope AND j.idempotency_key = p_key;
          IF v_hash <> p_hash THEN
            RAISE EXCEPTION '%', p_key USING ERRCODE = 'LKIDC';
          END IF;
          replayed := true;
        END IF;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_post(p_kind text, p_scope text, p_key text, p_hash text, p_reference text,
                                  p_metadata jsonb, p_reverses uuid, p_codes text[], p_amounts bigint[])
      RETURNS TABLE (journal_id uuid, replayed boolean, created_at timestamptz, account_code text, amount bigint, balance_after bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_journal uuid;
        v_replayed boolean;
      BEGIN
        SELECT o.journal_id, o.replayed INTO v_journal, v_replayed
          FROM ledger_open_journal(p_kind, p_scope, p_key, p_hash, p_reference, p_metadata, p_reverses) o;
        IF NOT v_replayed THEN
          PERFORM ledger_apply_entries(v_journal, p_codes, p_amounts);
        END IF;
        RETURN QUERY SELECT * FROM ledger_journal_result(v_journal, v_replayed);
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_hold(p_kind text, p_scope text, p_key text, p_hash text, p_from text, p_to text,
                                  p_amount bigint, p_expires_at timestamptz, p_reference text, p_metadata jsonb)
      RETURNS SETOF ledger_holds LANGUAGE plpgsql AS $$
      DECLARE
        v_hold ledger_holds;
        v_from ledger_accounts;
        v_to_id uuid;
      BEGIN
        IF p_amount <= 0 THEN
          RAISE EXCEPTION 'hold amount must be positive' USING ERRCODE = 'LKUNB';
        END IF;
        SELECT * INTO v_from FROM ledger_accounts WHERE code = p_from FOR NO KEY UPDATE;
        IF NOT FOUND THEN RAISE EXCEPTION '%', p_from USING ERRCODE = 'LKNOA'; END IF;
        SELECT id INTO v_to_id FROM ledger_accounts WHERE code = p_to;
        IF NOT FOUND THEN RAISE EXCEPTION '%', p_to USING ERRCODE = 'LKNOA'; END IF;
        IF v_from.id = v_to_id THEN
          RAISE EXCEPTION 'a hold needs two different accounts' USING ERRCODE = 'LKUNB';
        END IF;
        INSERT INTO ledger_holds (idempotency_scope, idempotency_key, request_hash, from_account_id, to_account_id,
                                  amount, kind, reference, metadata, expires_at)
          VALUES (p_scope, p_key, p_hash, v_from.id, v_to_id, p_amount, p_kind, p_reference,
                  coalesce(p_metadata, '{}'), p_expires_at)
          ON CONFLICT (idempotency_scope, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
          RETURNING * INTO v_hold;
        IF v_hold.id IS NULL THEN
          SELECT * INTO v_hold FROM ledger_holds WHERE idempotency_scope = p_scope AND idempotency_key = p_key;
          IF v_hold.request_hash <> p_hash THEN RAISE EXCEPTION '%', p_key USING ERRCODE = 'LKIDC'; END IF;
          RETURN NEXT v_hold;
          RETURN;
        END IF;
        IF NOT v_from.allow_negative AND v_from.balance - v_from.held < p_amount THEN
          RAISE EXCEPTION '%', p_from USING ERRCODE = 'LKINS', DETAIL = (v_from.balance - v_from.held)::text;
        END IF;
        UPDATE ledger_accounts SET held = held + p_amount, version = version + 1 WHERE id = v_from.id;
        RETURN NEXT v_hold;
      END $$`);

    // Resolves a pending hold: commit posts all or part of it, void/expire releases it.
    await queryRunner.query(`
      CREATE FUNCTION ledger_resolve_hold(p_hold uuid, p_outcome text, p_amount bigint)
      RETURNS SETOF ledger_holds LANGUAGE plpgsql AS $$
      DECLARE
        v_hold ledger_holds;
        v_journal uuid;
        v_codes text[];
      BEGIN
        SELECT * INTO v_hold FROM ledger_holds WHERE id = p_hold FOR UPDATE;
        IF NOT FOUND THEN RAISE EXCEPTION '%', p_hold USING ERRCODE = 'LKNOH'; END IF;
        IF v_hold.status <> 'pending' THEN
          RAISE EXCEPTION '%', v_hold.status USING ERRCODE = 'LKHRS';
        END IF;
        IF p_outcome = 'committed' THEN
          p_amount := coalesce(p_amount, v_hold.amount);
        END IF;
        IF p_outcome = 'committed' AND v_hold.expires_at IS NOT NULL AND v_hold.expires_at <= now() THEN
          RAISE EXCEPTION '%', v_hold.expires_at USING ERRCODE = 'LKHEX';
        END IF;
        IF p_outcome = 'committed' AND (p_amount < 1 OR p_amount > v_hold.amount) THEN
          RAISE EXCEPTION '%', v_hold.amount USING ERRCODE = 'LKHAM';
        END IF;
        -- Both accounts' locks in id order first, as ledger_apply_entries takes them.
        PERFORM 1 FROM ledger_accounts WHERE id IN (v_hold.from_account_id, v_hold.to_account_id)
          AND (NOT allow_negative OR id = v_hold.from_account_id) ORDER BY id FOR NO KEY UPDATE;
        UPDATE ledger_accounts SET held = held - v_hold.amount, version = version + 1 WHERE id = v_hold.from_account_id;
        IF p_outcome = 'committed' THEN
          INSERT INTO ledger_journals (kind, request_hash, reference, metadata)
            VALUES (v_hold.kind, v_hold.request_hash, v_hold.reference, v_hold.metadata || jsonb_build_object('holdId', v_hold.id))
            RETURNING id INTO v_journal;
          SELECT array[(SELECT code FROM ledger_accounts WHERE id = v_hold.from_account_id),
                       (SELECT code FROM ledger_accounts WHERE id = v_hold.to_account_id)] INTO v_codes;
          PERFORM ledger_apply_entries(v_journal, v_codes, array[-p_amount, p_amount]);
        END IF;
        UPDATE ledger_holds SET status = p_outcome, resolved_at = now(),
            committed_amount = CASE WHEN p_outcome = 'committed' THEN p_amount END, journal_id = v_journal
          WHERE id = p_hold RETURNING * INTO v_hold;
        RETURN NEXT v_hold;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of [
      'ledger_resolve_hold(uuid, text, bigint)',
      'ledger_hold(text, text, text, text, text, text, bigint, timestamptz, text, jsonb)',
      'ledger_post(text, text, text, text, text, jsonb, uuid, text[], bigint[])',
      'ledger_open_journal(text, text, text, text, text, jsonb, uuid)',
      'ledger_journal_result(uuid, boolean)',
      'ledger_apply_entries(uuid, text[], bigint[])',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${fn}`);
    }
    await queryRunner.query(`DROP TABLE ledger_holds`);
    await queryRunner.query(`DROP TABLE ledger_entries`);
    await queryRunner.query(`DROP TABLE ledger_journals`);
    await queryRunner.query(`DROP FUNCTION ledger_refuse_change()`);
    await queryRunner.query(`DROP TABLE ledger_accounts`);
  }
}
