import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Asking for a one-time code in one database call. Done from the services it took seven round
 * trips (the recipient, BEGIN, the user's lock, the count of the last minute's codes, the chat
 * link and outbox row, the challenge, COMMIT), and asking for a code cost Loket more CPU than
 * the transfer it confirms. The rules stay in OtpService: it draws the code, computes the keyed
 * hashes, writes the message and maps the outcomes to errors; this applies them atomically.
 */
export class OtpIssueFunction1763801600000 implements MigrationInterface {
  name = 'OtpIssueFunction1763801600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Outcomes: recipient_not_found (p_recipient names nobody), rate_limited (p_max_per_minute codes
    // in the last minute already), ok. With p_notice the code goes to the user's linked chat when
    // they have one (channel 'telegram'), else the channel is p_channel.
    await queryRunner.query(`
      CREATE FUNCTION otp_issue(p_id uuid, p_user uuid, p_action text, p_recipient text, p_payload_hash text,
                                p_code_hash text, p_channel text, p_notice jsonb, p_ttl_seconds int,
                                p_max_per_minute int, OUT outcome text, OUT channel text, OUT expires_at timestamptz)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_channel text := p_channel;
      BEGIN
        IF p_recipient IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = p_recipient) THEN
          outcome := 'recipient_not_found';
          RETURN;
        END IF;
        -- One user's requests queue here, so the per-minute limit holds under concurrency.
        PERFORM pg_advisory_xact_lock(hashtextextended('otp:' || p_user, 0));
        IF (SELECT count(*) FROM (SELECT 1 FROM otp_challenges c
              WHERE c.user_id = p_user AND c.created_at > now() - interval '1 minute'
              LIMIT p_max_per_minute) recent) >= p_max_per_minute THEN
          outcome := 'rate_limited';
          RETURN;
        END IF;
        IF p_notice IS NOT NULL AND telegram_notify_user(p_user, p_notice) THEN
          v_channel := 'telegram';
        END IF;
        INSERT INTO otp_challenges AS c (id, user_id, action, payload_hash, code_hash, channel, expires_at)
          VALUES (p_id, p_user, p_action, p_payload_hash, p_code_hash, v_channel,
                  now() + make_interval(secs => p_ttl_seconds))
          RETURNING c.expires_at INTO expires_at;
        channel := v_channel;
        outcome := 'ok';
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION otp_issue(uuid, uuid, text, text, text, text, text, jsonb, int, int)`);
  }
}
