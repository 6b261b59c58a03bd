import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A confirmed transfer in one database call. Done step by step from the service it took about ten
 * round trips (recipient, challenge lock, replay check, journal, transfer row, chat link, outbox,
 * code spent, BEGIN, COMMIT); on a small machine each costs the service more CPU than the rules
 * themselves. The rules are unchanged: the service still checks the request, computes the code's
 * keyed hash and maps every outcome to its error; money moves only through ledger_post.
 */
export class WalletTransferFunction1763800500000 implements MigrationInterface {
  name = 'WalletTransferFunction1763800500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Spends a one-time code, or counts a wrong try. Outcomes, in the order they are checked:
    // invalid (no such challenge for this user), used, locked (five wrong tries), expired,
    // wrong (counted; tries_left says how many remain), mismatch (another action or other fields), ok.
    // Only 'wrong' and 'ok' change the row; the caller commits 'wrong' even though nothing else happens.
    // The hashes are keyed HMACs, so comparing them in plain SQL leaks nothing usable about the code.
    await queryRunner.query(`
      CREATE FUNCTION otp_spend(p_challenge uuid, p_user uuid, p_action text, p_payload_hash text, p_code_hash text,
                                OUT outcome text, OUT tries_left int)
      LANGUAGE plpgsql AS $$
      DECLARE
        c otp_challenges;
      BEGIN
        SELECT * INTO c FROM otp_challenges WHERE id = p_challenge AND user_id = p_user FOR UPDATE;
        IF NOT FOUND THEN outcome := 'invalid'; RETURN; END IF;
        IF c.used_at IS NOT NULL THEN outcome := 'used'; RETURN; END IF;
        IF c.failed_attempts >= 5 THEN outcome := 'locked'; RETURN; END IF;
        IF c.expires_at <= clock_timestamp() THEN outcome := 'expired'; RETURN; END IF;
        IF c.code_hash <> p_code_hash THEN
          UPDATE otp_challenges SET failed_attempts = failed_attempts + 1 WHERE id = c.id;
          outcome := 'wrong';
          tries_left := 5 - c.failed_attempts - 1;
          RETURN;
        END IF;
        IF c.action <> p_action OR c.payload_hash <> p_payload_hash THEN outcome := 'mismatch'; RETURN; END IF;
        UPDATE otp_challenges SET used_at = now() WHERE id = c.id;
        outcome := 'ok';
      END $$`);

    // Outcomes: recipient_not_found, self_transfer, idempotency_conflict, otp_<otp_spend outcome> (with
    // tries_left), replayed (the first transfer made with this idempotency key, as it was) and ok; the
    // transfer's columns are set for the last two only. Insufficient funds and other ledger failures
    // raise ledger_post's errors and roll everything back, the code included.
    // Without a challenge (a transfer confirmed in the sender's own Telegram chat) no code is spent.
    await queryRunner.query(`
      CREATE FUNCTION wallet_transfer(p_sender uuid, p_to text, p_amount bigint, p_description text, p_metadata jsonb,
                                      p_idempotency_key text, p_request_hash text,
                                      p_challenge uuid, p_payload_hash text, p_code_hash text, p_notice jsonb)
      RETURNS TABLE (outcome text, tries_left int, id uuid, to_user_id uuid, to_username text, amount bigint,
                     description text, balance_after bigint, journal_id uuid, created_at timestamptz, notified boolean)
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
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION wallet_transfer(uuid, text, bigint, text, jsonb, text, text, uuid, text, text, jsonb)`,
    );
    await queryRunner.query(`DROP FUNCTION otp_spend(uuid, uuid, text, text, text)`);
  }
}
