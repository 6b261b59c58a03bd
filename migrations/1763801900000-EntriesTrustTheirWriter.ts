import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ledger entries lose their two foreign keys (issue 14: what a posting writes). Each key cost an
 * inserted entry a query of its own, `SELECT ... FOR KEY SHARE` on the journal and on the account:
 * four per two-leg journal, about a tenth of PostgreSQL's work for a transfer (wallet_transfer
 * called directly, 0.72 -> 0.66 ms). They checked nothing the writer does not already know: entries
 * are written only by ledger_apply_entries, with the journal its caller has just inserted and the
 * account ids it has just read and locked; journals can never be deleted (ledger_refuse_change), and
 * `npm run ledger:verify` checks every entry's journal and account. What the account key still
 * did, refusing to delete an account that has entries, a trigger does now, with the same SQLSTATE.
 */
export class EntriesTrustTheirWriter1763801900000 implements MigrationInterface {
  name = 'EntriesTrustTheirWriter1763801900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_journal_id_fkey,
                                 DROP CONSTRAINT ledger_entries_account_id_fkey`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_refuse_used_account_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ledger_entries e WHERE e.account_id = OLD.id) THEN
          RAISE EXCEPTION 'account % has entries and cannot be deleted', OLD.code USING ERRCODE = '23503';
        END IF;
        RETURN OLD;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_accounts_keep_used BEFORE DELETE ON ledger_accounts
      FOR EACH ROW EXECUTE FUNCTION ledger_refuse_used_account_delete()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_accounts_keep_used ON ledger_accounts`);
    await queryRunner.query(`DROP FUNCTION ledger_refuse_used_account_delete()`);
    await queryRunner.query(`
      ALTER TABLE ledger_entries
        ADD CONSTRAINT ledger_entries_journal_id_fkey FOREIGN KEY (journal_id) REFERENCES ledger_journals (id),
        ADD CONSTRAINT ledger_entries_account_id_fkey FOREIGN KEY (account_id) REFERENCES ledger_accounts (id)`);
  }
}
