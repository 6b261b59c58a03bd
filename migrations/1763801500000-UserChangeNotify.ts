import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces every change to a user row on the loket_user_changes channel, with the user's id, when
 * the change commits: each Loket process keeps the users behind access tokens in memory
 * (SignedInUsers) and forgets one when it hears this, so a role change or a removed account
 * takes effect on the next request in every worker and instance.
 */
export class UserChangeNotify1763801500000 implements MigrationInterface {
  name = 'UserChangeNotify1763801500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION users_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('loket_user_changes', OLD.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_notify_change AFTER UPDATE OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION users_notify_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_notify_change ON users`);
    await queryRunner.query(`DROP FUNCTION users_notify_change()`);
  }
}
