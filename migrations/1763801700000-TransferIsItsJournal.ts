import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A wallet transfer is its ledger journal (issue 14). The journal already says everything the
 * wallet_transfers row repeated: kind 'transfer', metadata {from, to, description}, the two entries
 * and the sender's balance_after. Writing the row as well (heap, three indexes, three foreign-key
 * checks that key-share-lock both users) was about 12% of PostgreSQL's work per transfer.
 *
 * - Idempotency moves onto the journal: scope 'wallet.transfer:<sender id>', the client's key, and
 *   the client's request hash when a key was given (else the hash wallet_transfer always computed).
 *   The scope also tells a wallet transfer from other journals of kind 'transfer' (ledger tests and
 *   scripts post those through LedgerService with scope 'ledger').
 * - wallet_transfers becomes a view over those journals, with the table's columns and types.
 * - The transfer id a client sees is now the journal id (it was a uuid of its own). Transfers made
 *   before this migration change id too; their journal_id, which the API never showed, is the new id.
 */
export class TransferIsItsJournal1763801700000 implements MigrationInterface {
  name = 'TransferIsItsJournal1763801700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Journals are immutable to everything but a migration moving facts onto them.
    await queryRunner.query(`ALTER TABLE ledger_journals DISABLE TRIGGER ledger_journals_immutable`);
    await queryRunner.query(`
      UPDATE ledger_journals j
         SET idempotency_scope = 'wallet.transfer:' || t.from_user_id, idempotency_key = t.idempotency_key,
             request_hash = coalesce(t.request_hash, j.request_hash)
        FROM wallet_transfers t WHERE t.journal_id = j.id`);
    await queryRunner.query(`ALTER TABLE ledger_journals ENABLE TRIGGER ledger_journals_immutable`);

    await queryRunner.query(`ALTER TABLE wallet_transfers RENAME TO wallet_transfers_rows`);
    await queryRunner.query(CREATE_VIEW);
    // The table is dropped, so first prove the view says what it said (all but the id, see above).
    const [differ] = (await queryRunner.query(`
      SELECT count(*)::int AS n FROM (
        (SELECT ${SAME_COLUMNS} FROM wallet_transfers_rows EXCEPT ALL SELECT ${SAME_COLUMNS} FROM wallet_transfers)
        UNION ALL
        (SELECT ${SAME_COLUMNS} FROM wallet_transfers EXCEPT ALL SELECT ${SAME_COLUMNS} FROM wallet_transfers_rows)
      ) d`)) as { n: number }[];
    if (differ.n > 0) {
      throw new Error(`wallet_transfers and its journals differ (${differ.n} unmatched rows); nothing changed`);
    }
    await queryRunner.query(`DROP TABLE wallet_transfers_rows`);

    // Outcomes as before: recipient_not_found, self_transfer, idempotency_conflict, otp_<otp_spend
    // outcome> (with tries_left), replayed (the first transfer made with this idempotency key, as it
    // was) and ok; the transfer's columns are set for the last two only, id being the journal's.
    // Insufficient funds and other ledger failures raise ledger_post's errors and roll everything back,
    // the code included; so does LKIDC, raised when a request with this key and another body commits
    // while this one runs (the service gets it as IdempotencyConflictError, as it gets the outcome).
    // Without a challenge (a transfer confirmed in the sender's own Telegram chat) no code is spent.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ${SIGNATURE}
      RETURNS TABLE (${RETURNS})
      LANGUAGE plpgsql AS $$
      DECLARE
        v_to users;
        v_scope text := 'wallet.transfer:' || p_sender;
        v_journal uuid;
        v_posted record;
        v_spent record;
        v_seen wallet_transfers;
      BEGIN
        -- The table's CHECK (amount > 0) did this: a negative amount would move the recipient's money.
        IF p_amount <= 0 THEN
          RAISE EXCEPTION 'a transfer moves a positive amount' USING ERRCODE = 'LKUNB';
        END IF;
        SELECT * INTO v_to FROM users u WHERE u.username = p_to;
        IF NOT FOUND THEN
          outcome := 'recipient_not_found';
          RETURN NEXT;
          RETURN;
        END IF;
        IF v_to.id = p_sender THEN
          outcome := 'self_transfer';
          RETURN NEXT;
          RETURN;
        END IF;

        IF p_idempotency_key IS NOT NULL THEN
          -- Under the challenge's lock, so a retry racing its first attempt waits and then sees it.
          -- Without a key there is no first attempt to see, and otp_spend takes that lock itself.
          IF p_challenge IS NOT NULL THEN
            PERFORM 1 FROM otp_challenges c WHERE c.id = p_challenge AND c.user_id = p_sender FOR UPDATE;
          END IF;
          SELECT j.id INTO v_journal FROM ledger_journals j
            WHERE j.idempotency_scope = v_scope AND j.idempotency_key = p_idempotency_key;
        END IF;

        IF v_journal IS NULL THEN
          IF p_challenge IS NOT NULL THEN
            SELECT * INTO v_spent FROM otp_spend(p_challenge, p_sender, 'transfer', p_payload_hash, p_code_hash);
            IF v_spent.outcome <> 'ok' THEN
              outcome := 'otp_' || v_spent.outcome;
              tries_left := v_spent.tries_left;
              RETURN NEXT;
              RETURN;
            END IF;
          END IF;
          -- The description is stored in the metadata, where the view reads it.
          SELECT r.journal_id, r.replayed, r.balance_after, r.created_at INTO v_posted
            FROM ledger_post('transfer', v_scope, p_idempotency_key,
                             coalesce(p_request_hash,
                                      encode(sha256(convert_to(jsonb_build_object('from', p_sender, 'to', v_to.id,
                                             'amount', p_amount, 'metadata', p_metadata)::text, 'UTF8')), 'hex')),
                             NULL, coalesce(p_metadata, '{}') || jsonb_strip_nulls(jsonb_build_object('description', p_description)),
                             NULL, ARRAY['wallet:' || p_sender, 'wallet:' || v_to.id], ARRAY[-p_amount, p_amount]) r
            WHERE r.account_code = 'wallet:' || p_sender;
          IF NOT v_posted.replayed THEN
            outcome := 'ok';
            id := v_posted.journal_id;
            to_user_id := v_to.id;
            to_username := v_to.username;
            amount := p_amount;
            description := p_description;
            balance_after := v_posted.balance_after;
            journal_id := v_posted.journal_id;
            created_at := v_posted.created_at;
            notified := telegram_notify_user(v_to.id, p_notice);
            RETURN NEXT;
            RETURN;
          END IF;
          -- The same request with this key, not under this challenge's lock, committed first.
          v_journal := v_posted.journal_id;
        END IF;

        SELECT * INTO v_seen FROM wallet_transfers t WHERE t.id = v_journal;
        outcome := CASE WHEN v_seen.request_hash = p_request_hash THEN 'replayed' ELSE 'idempotency_conflict' END;
        SELECT u.username INTO to_username FROM users u WHERE u.id = v_seen.to_user_id;
        id := v_seen.id;
        to_user_id := v_seen.to_user_id;
        amount := v_seen.amount;
        description := v_seen.description;
        balance_after := v_seen.balance_after;
        journal_id := v_seen.journal_id;
        created_at := v_seen.created_at;
        RETURN NEXT;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER VIEW wallet_transfers RENAME TO wallet_transfers_journals`);
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
    // Transfers keep the journal id they were shown under.
    await queryRunner.query(`INSERT INTO wallet_transfers SELECT * FROM wallet_transfers_journals`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX wallet_transfers_idempotency_key ON wallet_transfers (from_user_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX wallet_transfers_created_idx ON wallet_transfers (created_at DESC)`);
    await queryRunner.query(`CREATE INDEX wallet_transfers_to_idx ON wallet_transfers (to_user_id)`);
    await queryRunner.query(`DROP VIEW wallet_transfers_journals`);

    // Back to scope 'ledger' with no key, and the hash the old function gave the journal.
    await queryRunner.query(`ALTER TABLE ledger_journals DISABLE TRIGGER ledger_journals_immutable`);
    await queryRunner.query(`
      UPDATE ledger_journals j
         SET idempotency_scope = 'ledger', idempotency_key = NULL,
             request_hash = encode(sha256(convert_to(jsonb_build_object('from', t.from_user_id, 'to', t.to_user_id,
                                   'amount', t.amount, 'metadata', j.metadata)::text, 'UTF8')), 'hex')
        FROM wallet_transfers t WHERE t.journal_id = j.id`);
    await queryRunner.query(`ALTER TABLE ledger_journals ENABLE TRIGGER ledger_journals_immutable`);

    await queryRunner.query(`CREATE OR REPLACE FUNCTION ${SIGNATURE} RETURNS TABLE (${RETURNS}) ${WRITES_ROW_BODY}`);
  }
}

const SIGNATURE = `wallet_transfer(p_sender uuid, p_to text, p_amount bigint, p_description text, p_metadata jsonb,
                                p_idempotency_key text, p_request_hash text,
                                p_challenge uuid, p_payload_hash text, p_code_hash text, p_notice jsonb)`;

const RETURNS = `outcome text, tries_left int, id uuid, to_user_id uuid, to_username text, amount bigint,
                 description text, balance_after bigint, journal_id uuid, created_at timestamptz, notified boolean`;

// Every column but id, in the table's order: what the view must reproduce of each old row.
const SAME_COLUMNS =
  'from_user_id, to_user_id, amount, description, journal_id, balance_after, idempotency_key, request_hash, created_at';

// One row per wallet transfer journal: its negative leg is the sender's, its positive leg the
// recipient's. The request hash shows only with a key, as the table kept it.
const CREATE_VIEW = `
  CREATE VIEW wallet_transfers AS
  SELECT j.id,
         sa.owner_id AS from_user_id,
         ra.owner_id AS to_user_id,
         r.amount,
         (j.metadata ->> 'description')::varchar(200) AS description,
         j.id AS journal_id,
         s.balance_after,
         j.idempotency_key,
         (CASE WHEN j.idempotency_key IS NOT NULL THEN j.request_hash END)::char(64) AS request_hash,
         j.created_at
    FROM ledger_journals j
    JOIN ledger_entries s ON s.journal_id = j.id AND s.amount < 0
    JOIN ledger_accounts sa ON sa.id = s.account_id
    JOIN ledger_entries r ON r.journal_id = j.id AND r.amount > 0
    JOIN ledger_accounts ra ON ra.id = r.account_id
   WHERE j.kind = 'transfer' AND j.idempotency_scope LIKE 'wallet.transfer:%'`;

// wallet_transfer as WalletTransferFunction1763800500000 made it, for down().
const WRITES_ROW_BODY = `
      LANGUAGE plpgsql AS $$
      DECLARE
        v_to users;
        v_transfer wallet_transfers;
        v_spent record;
        v_journal uuid;
        v_balance bigint;
      BEGIN
        SELECT * INTO v_to FROM users u WHERE u.username = p_to;
        IF NOT FOUND THEN
          outcome := 'recipient_not_found';
          RETURN NEXT;
          RETURN;
        END IF;
        IF v_to.id = p_sender THEN
          outcome := 'self_transfer';
          RETURN NEXT;
          RETURN;
        END IF;

        -- Under the challenge's lock, so a retry racing its first attempt waits and then sees it.
        IF p_challenge IS NOT NULL THEN
          PERFORM 1 FROM otp_challenges c WHERE c.id = p_challenge AND c.user_id = p_sender FOR UPDATE;
        END IF;
        IF p_idempotency_key IS NOT NULL THEN
          SELECT * INTO v_transfer FROM wallet_transfers t
            WHERE t.from_user_id = p_sender AND t.idempotency_key = p_idempotency_key;
          IF FOUND THEN
            outcome := CASE WHEN v_transfer.request_hash = p_request_hash THEN 'replayed' ELSE 'idempotency_conflict' END;
            SELECT u.username INTO to_username FROM users u WHERE u.id = v_transfer.to_user_id;
          END IF;
        END IF;

        IF outcome IS NULL THEN
          IF p_challenge IS NOT NULL THEN
            SELECT * INTO v_spent FROM otp_spend(p_challenge, p_sender, 'transfer', p_payload_hash, p_code_hash);
            IF v_spent.outcome <> 'ok' THEN
              outcome := 'otp_' || v_spent.outcome;
              tries_left := v_spent.tries_left;
              RETURN NEXT;
              RETURN;
            END IF;
          END IF;
          SELECT r.journal_id, r.balance_after INTO v_journal, v_balance
            FROM ledger_post('transfer', 'ledger', NULL,
                             encode(sha256(convert_to(jsonb_build_object('from', p_sender, 'to', v_to.id,
                                    'amount', p_amount, 'metadata', p_metadata)::text, 'UTF8')), 'hex'),
                             NULL, p_metadata, NULL,
                             ARRAY['wallet:' || p_sender, 'wallet:' || v_to.id], ARRAY[-p_amount, p_amount]) r
            WHERE r.account_code = 'wallet:' || p_sender;
          INSERT INTO wallet_transfers (from_user_id, to_user_id, amount, description, journal_id, balance_after,
                                        idempotency_key, request_hash)
            VALUES (p_sender, v_to.id, p_amount, p_description, v_journal, v_balance, p_idempotency_key, p_request_hash)
            RETURNING * INTO v_transfer;
          outcome := 'ok';
          to_username := v_to.username;
          notified := telegram_notify_user(v_to.id, p_notice);
        END IF;

        id := v_transfer.id;
        to_user_id := v_transfer.to_user_id;
        amount := v_transfer.amount;
        description := v_transfer.description;
        balance_after := v_transfer.balance_after;
        journal_id := v_transfer.journal_id;
        created_at := v_transfer.created_at;
        RETURN NEXT;
      END $$`;
