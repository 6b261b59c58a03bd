import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface VerifyProblem {
  check: string;
  subject: string;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  accounts: number;
  journals: number;
  entries: number;
  problems: VerifyProblem[];
}

// Each check lists what breaks the rule, as (subject, detail) rows; no rows means it holds.
const CHECKS: Record<string, string> = {
  journal_sums_to_zero: `
    SELECT journal_id::text AS subject, 'entries sum to ' || sum(amount) AS detail
      FROM ledger_entries GROUP BY journal_id HAVING sum(amount) <> 0`,
  journal_has_entries: `
    SELECT j.id::text, 'journal has ' || count(e.id) || ' entries'
      FROM ledger_journals j LEFT JOIN ledger_entries e ON e.journal_id = j.id
     GROUP BY j.id HAVING count(e.id) < 2`,
  // Entries have no foreign keys (EntriesTrustTheirWriter): what the keys promised is checked here.
  entry_has_journal_and_account: `
    SELECT e.id::text, CASE WHEN j.id IS NULL THEN 'no journal ' || e.journal_id ELSE 'no account ' || e.account_id END
      FROM ledger_entries e LEFT JOIN ledger_journals j ON j.id = e.journal_id
      LEFT JOIN ledger_accounts a ON a.id = e.account_id
     WHERE j.id IS NULL OR a.id IS NULL`,
  cached_balance_matches_entries: `
    SELECT a.code, 'cached ' || a.balance || ', entries sum to ' || coalesce(s.total, 0)
      FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) s
        ON s.account_id = a.id
     WHERE NOT a.allow_negative AND a.balance <> coalesce(s.total, 0)`,
  last_balance_after_matches: `
    SELECT a.code, 'last entry says ' || coalesce(e.balance_after::text, 'no balance') || ', account says ' || a.balance
      FROM ledger_accounts a
      JOIN LATERAL (SELECT balance_after FROM ledger_entries WHERE account_id = a.id ORDER BY id DESC LIMIT 1) e ON true
     WHERE NOT a.allow_negative AND e.balance_after IS DISTINCT FROM a.balance`,
  no_forbidden_negative: `
    SELECT code, 'balance ' || balance || ', held ' || held
      FROM ledger_accounts WHERE NOT allow_negative AND (balance < 0 OR balance - held < 0)`,
  held_matches_pending_holds: `
    SELECT a.code, 'held ' || a.held || ', pending holds ' || coalesce(h.total, 0)
      FROM ledger_accounts a LEFT JOIN (SELECT from_account_id, sum(amount) AS total FROM ledger_holds
                                         WHERE status = 'pending' GROUP BY from_account_id) h ON h.from_account_id = a.id
     WHERE a.held <> coalesce(h.total, 0)`,
  committed_hold_has_journal: `
    SELECT h.id::text, 'committed ' || h.committed_amount || ' but its journal moved ' || coalesce(-e.amount, 0)
      FROM ledger_holds h LEFT JOIN ledger_entries e ON e.journal_id = h.journal_id AND e.account_id = h.from_account_id
     WHERE h.status = 'committed' AND coalesce(-e.amount, 0) <> h.committed_amount`,
};

/** Checks the ledger's invariants from its raw rows (`npm run ledger:verify`, GET /api/admin/ledger/verify). */
@Injectable()
export class LedgerVerifierService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async verify(): Promise<VerifyReport> {
    // One snapshot for every check, so concurrent journals cannot make a consistent ledger look broken.
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const problems: VerifyProblem[] = [];
      for (const [check, sql] of Object.entries(CHECKS)) {
        const rows = await m.query<{ subject: string; detail: string }[]>(
          `SELECT subject, detail FROM (${sql}) AS broken(subject, detail) LIMIT 100`,
        );
        problems.push(...rows.map((r) => ({ check, ...r })));
      }
      const [counts] = await m.query<{ accounts: string; journals: string; entries: string }[]>(
        `SELECT (SELECT count(*) FROM ledger_accounts) AS accounts, (SELECT count(*) FROM ledger_journals) AS journals,
                (SELECT count(*) FROM ledger_entries) AS entries`,
      );
      return {
        ok: problems.length === 0,
        accounts: Number(counts.accounts),
        journals: Number(counts.journals),
        entries: Number(counts.entries),
        problems,
      };
    });
  }
}
