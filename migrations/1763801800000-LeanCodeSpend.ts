import { MigrationInterface, QueryRunner } from 'typeorm';

/** The checks and their order, as in WalletTransferFunction: only the first statement is new. */
const CHECKED_SPEND = `
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
        outcome := 'ok';`;

function otpSpend(body: string): string {
  return `
      CREATE OR REPLACE FUNCTION otp_spend(p_challenge uuid, p_user uuid, p_action text, p_payload_hash text,
                                           p_code_hash text, OUT outcome text, OUT tries_left int)
      LANGUAGE plpgsql AS $$
      DECLARE
        c otp_challenges;
      BEGIN${body}
      END $$`;
}

/**
 * Less for PostgreSQL to write per confirmed code and per journal (issue 14: its CPU per transfer).
 * - A right code is spent by one conditional UPDATE; before, the row was first locked by SELECT ...
 *   FOR UPDATE (a lock written into the row) and then updated. Every other outcome still takes
 *   the checked path, which tells which rule failed and counts a wrong code. Two spends at once:
 *   the second UPDATE waits for the first, finds the code used, and the checked path says 'used'.
 * - Most journals (transfers, pulsa, adjustments) have no reference; their NULLs no longer go into
 *   the reference index. Lookups by reference (`reference = $1`) can still use it.
 */
export class LeanCodeSpend1763801800000 implements MigrationInterface {
  name = 'LeanCodeSpend1763801800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      otpSpend(`
        UPDATE otp_challenges SET used_at = now()
          WHERE id = p_challenge AND user_id = p_user AND used_at IS NULL AND failed_attempts < 5
            AND expires_at > clock_timestamp() AND code_hash = p_code_hash
            AND action = p_action AND payload_hash = p_payload_hash;
        IF FOUND THEN outcome := 'ok'; RETURN; END IF;
${CHECKED_SPEND}`),
    );
    await queryRunner.query('DROP INDEX ledger_journals_reference_idx');
    await queryRunner.query(
      'CREATE INDEX ledger_journals_reference_idx ON ledger_journals (reference) WHERE reference IS NOT NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ledger_journals_reference_idx');
    await queryRunner.query('CREATE INDEX ledger_journals_reference_idx ON ledger_journals (reference)');
    await queryRunner.query(otpSpend(CHECKED_SPEND));
  }
}
