import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox claim as a function that first takes a transaction-level advisory lock. As one plain
 * statement, two instances claiming at the same moment each counted the global budget before the
 * other's claim was visible, and together sent up to twice TELEGRAM_GLOBAL_RATE in a second.
 * Inside the function the claim runs after the lock with a fresh snapshot (READ COMMITTED), so it
 * sees what the previous holder claimed; the lock is held only for the claim, not for the sends.
 */
export class TelegramOutboxClaim1763800600000 implements MigrationInterface {
  name = 'TelegramOutboxClaim1763800600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The oldest open message of each chat that may send now (none sent to it within p_chat_interval
    // seconds), within what is left of p_global_rate for this second; sends in flight count against it.
    await queryRunner.query(`
      CREATE FUNCTION telegram_outbox_claim(p_chat_interval double precision, p_global_rate int)
      RETURNS TABLE (id bigint, chat_id bigint, method text, payload jsonb, attempts int)
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('loket:telegram_outbox_claim', 0));
        RETURN QUERY
        WITH budget AS (
          SELECT greatest(0, p_global_rate - count(*))::int AS n FROM telegram_outbox b
           WHERE b.sent_at > now() - interval '1 second' OR b.status = 'sending'),
        heads AS (
          SELECT DISTINCT ON (h.chat_id) h.id, h.chat_id, h.status FROM telegram_outbox h
           WHERE h.status IN ('pending', 'sending') ORDER BY h.chat_id, h.id),
        claimed AS (
          UPDATE telegram_outbox o SET status = 'sending', attempts = o.attempts + 1, claimed_at = now()
           WHERE o.id IN (
             SELECT heads.id FROM heads JOIN telegram_outbox p ON p.id = heads.id
              WHERE heads.status = 'pending' AND p.status = 'pending' AND p.next_attempt_at <= now()
                AND NOT EXISTS (SELECT 1 FROM telegram_outbox s WHERE s.chat_id = heads.chat_id
                                 AND s.sent_at > now() - make_interval(secs => p_chat_interval))
              ORDER BY heads.id LIMIT (SELECT n FROM budget) FOR UPDATE OF p SKIP LOCKED)
           RETURNING o.id, o.chat_id, o.method::text, o.payload, o.attempts)
        SELECT * FROM claimed ORDER BY 1;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION telegram_outbox_claim(double precision, int)`);
  }
}
