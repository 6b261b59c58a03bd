import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin overview counts payments by the day their money arrived and bookings by the day they
 * were made, over a range of days; without these it read both tables whole on every load. One more
 * index write per payment and per booking, both rare next to the reads that grow with the tables.
 * (Pulsa purchases already have pulsa_transactions_created_idx.)
 */
export class OverviewDayIndexes1763802100000 implements MigrationInterface {
  name = 'OverviewDayIndexes1763802100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX payments_paid_idx ON payments (paid_at) WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX reservations_created_idx ON reservations (created_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reservations_created_idx`);
    await queryRunner.query(`DROP INDEX payments_paid_idx`);
  }
}
