import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate-limit counters shared by every Loket instance (sign-in and sign-up throttling). */
export class CreateRateLimits1763800700000 implements MigrationInterface {
  name = 'CreateRateLimits1763800700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_limit_counters (
        key varchar(200) NOT NULL,
        hits int NOT NULL,
        window_ends_at timestamptz NOT NULL,
        CONSTRAINT rate_limit_counters_pkey PRIMARY KEY (key)
      )`);
    await queryRunner.query(`CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_ends_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_counters`);
  }
}
