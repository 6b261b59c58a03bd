import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pulsa purchase's two database steps, each in one call. Done statement by statement from the
 * services, creating a purchase took nine round trips (product, BEGIN, PIN, purchase lock,
 * duplicate, hold, row, balance, COMMIT) and finalising it six (BEGIN, the conditional update, the
 * hold's commit, the margin's journal, the agent's message, COMMIT); on a small machine each costs
 * more CPU than the work itself. The rules stay in the services: they explain a refused product or
 * PIN, hash the PIN, choose the duplicate window and the accounts, split the price into cost and
 * margin and write the agent's message; these functions apply them atomically.
 *
 * A hold can now be committed as one journal with its credit split over several accounts, so a
 * successful purchase is one journal of three legs: the agent pays the price, the supplier's
 * payable gets the cost, pulsa revenue the margin. And ledger_apply_entries, under every journal,
 * does the same in fewer statements.
 */
export class PulsaPurchaseFunctions1763801100000 implements MigrationInterface {
  name = 'PulsaPurchaseFunctions1763801100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The same rules in fewer statements (each costs more than the work it does): every leg's
    // account found in one look-up, and a wallet's available balance checked by its update.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_apply_entries(p_journal uuid, p_codes text[], p_amounts bigint[])
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
        v_hot boolean[];
        v_balance bigint;
        v_available bigint;
      BEGIN
        IF coalesce(array_length(p_codes, 1), 0) < 2 OR array_length(p_codes, 1) <> array_length(p_amounts, 1) THEN
          RAISE EXCEPTION 'a journal needs at least two legs' USING ERRCODE = 'LKUNB';
        END IF;
        IF (SELECT sum(a) FROM unnest(p_amounts) a) <> 0 OR 0 = ANY (p_amounts) THEN
          RAISE EXCEPTION 'legs must be non-zero and sum to zero' USING ERRCODE = 'LKUNB';
        END IF;
        SELECT array_agg(a.id ORDER BY l.n), array_agg(a.allow_negative ORDER BY l.n) INTO v_ids, v_hot
          FROM unnest(p_codes) WITH ORDINALITY l(code, n) JOIN ledger_accounts a ON a.code = l.code;
        IF coalesce(array_length(v_ids, 1), 0) <> array_length(p_codes, 1) THEN
          RAISE EXCEPTION '%', (SELECT c FROM unnest(p_codes) c WHERE NOT EXISTS (
            SELECT 1 FROM ledger_accounts WHERE code = c) LIMIT 1) USING ERRCODE = 'LKNOA';
        END IF;
        PERFORM 1 FROM ledger_accounts WHERE id = ANY (v_ids) AND NOT allow_negative ORDER BY id FOR NO KEY UPDATE;
        FOR i IN 1 .. array_length(p_codes, 1) LOOP
          IF v_hot[i] THEN
            INSERT INTO ledger_entries (journal_id, account_id, amount) VALUES (p_journal, v_ids[i], p_amounts[i]);
          ELSE
            -- Checked in the update, which would otherwise trip the available-balance CHECK.
            UPDATE ledger_accounts SET balance = balance + p_amounts[i], version = version + 1
              WHERE id = v_ids[i] AND balance - held + p_amounts[i] >= 0 RETURNING balance INTO v_balance;
            IF NOT FOUND THEN
              SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_ids[i];
              RAISE EXCEPTION '%', p_codes[i] USING ERRCODE = 'LKINS', DETAIL = v_available::text;
            END IF;
            INSERT INTO ledger_entries (journal_id, account_id, amount, balance_after)
              VALUES (p_journal, v_ids[i], p_amounts[i], v_balance);
          END IF;
        END LOOP;
      END $$`);

    await queryRunner.query(`DROP FUNCTION ledger_resolve_hold(uuid, text, bigint)`);
    // As before, plus p_credit_codes/p_credit_amounts: when given, a commit credits these accounts
    // (which must add up to the committed amount) instead of the hold's own to-account.
    await queryRunner.query(`
      CREATE FUNCTION ledger_resolve_hold(p_hold uuid, p_outcome text, p_amount bigint,
                                          p_credit_codes text[] DEFAULT NULL, p_credit_amounts bigint[] DEFAULT NULL)
      RETURNS SETOF ledger_holds LANGUAGE plpgsql AS $$
      DECLARE
        v_hold ledger_holds;
        v_journal uuid;
        v_from text;
      BEGIN
        SELECT * INTO v_hold FROM ledger_holds WHERE id = p_hold FOR UPDATE;
        IF NOT FOUND THEN RAISE EXCEPTION '%', p_hold USING ERRCODE = 'LKNOH'; END IF;
        IF v_hold.status <> 'pending' THEN
          RAISE EXCEPTION '%', v_hold.status USING ERRCODE = 'LKHRS';
        END IF;
        IF p_outcome = 'committed' THEN
          p_amount := coalesce(p_amount, v_hold.amount);
        END IF;
        IF p_outcome = 'committed' AND v_hold.expires_at IS NOT NULL AND v_hold.expires_at <= now() THEN
          RAISE EXCEPTION '%', v_hold.expires_at USING ERRCODE = 'LKHEX';
        END IF;
        IF p_outcome = 'committed' AND (p_amount < 1 OR p_amount > v_hold.amount) THEN
          RAISE EXCEPTION '%', v_hold.amount USING ERRCODE = 'LKHAM';
        END IF;
        -- Every wallet's lock in id order first, as ledger_apply_entries takes them.
        PERFORM 1 FROM ledger_accounts
          WHERE (id IN (v_hold.from_account_id, v_hold.to_account_id) OR code = ANY (p_credit_codes))
            AND (NOT allow_negative OR id = v_hold.from_account_id) ORDER BY id FOR NO KEY UPDATE;
        UPDATE ledger_accounts SET held = held - v_hold.amount, version = version + 1 WHERE id = v_hold.from_account_id;
        IF p_outcome = 'committed' THEN
          INSERT INTO ledger_journals (kind, request_hash, reference, metadata)
            VALUES (v_hold.kind, v_hold.request_hash, v_hold.reference, v_hold.metadata || jsonb_build_object('holdId', v_hold.id))
            RETURNING id INTO v_journal;
          SELECT code INTO v_from FROM ledger_accounts WHERE id = v_hold.from_account_id;
          IF p_credit_codes IS NULL THEN
            PERFORM ledger_apply_entries(v_journal, array[v_from, (SELECT code FROM ledger_accounts WHERE id = v_hold.to_account_id)],
                                         array[-p_amount, p_amount]);
          ELSE
            -- ledger_apply_entries refuses legs that do not sum to zero, so the credits must add up to p_amount.
            PERFORM ledger_apply_entries(v_journal, array_prepend(v_from, p_credit_codes),
                                         array_prepend(-p_amount, p_credit_amounts));
          END IF;
        END IF;
        UPDATE ledger_holds SET status = p_outcome, resolved_at = now(),
            committed_amount = CASE WHEN p_outcome = 'committed' THEN p_amount END, journal_id = v_journal
          WHERE id = p_hold RETURNING * INTO v_hold;
        RETURN NEXT v_hold;
      END $$`);

    // Creates a purchase: the row (with its ref_id and the product as it is now) and the hold of
    // its price, or nothing. Outcomes: ok and replayed (with the purchase and the agent's available
    // balance), idempotency_conflict, duplicate (earlier = the blocking purchase's short id), and
    // two that only say "not the plain case", for the service to apply its rules and explain:
    // product (no such product, not for sale, or not of the number's operator p_operator) and pin
    // (a PIN other than p_pin_hash, wrong tries to reset, a lock). When the PIN rules let the
    // purchase through, the service calls again with p_pin_checked. The product and the PIN are read
    // without a lock: a change committed meanwhile applies from the next purchase on.
    // Insufficient funds raise ledger_hold's error. Each statement here sees what committed before
    // it, so the duplicate check under the purchase's advisory lock sees the previous holder's row.
    await queryRunner.query(`
      CREATE FUNCTION pulsa_place(p_id uuid, p_agent uuid, p_product_code text, p_operator text, p_destination text,
                                  p_counter int, p_pin_hash text, p_pin_checked boolean, p_window_seconds int,
                                  p_idempotency_key text, p_request_hash text, p_channel text, p_first_check_seconds int,
                                  p_from_account text, p_to_account text,
                                  OUT outcome text, OUT earlier text, OUT available bigint, OUT purchase pulsa_transactions)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_product pulsa_products;
        v_agent pulsa_agents;
        v_hold ledger_holds;
        v_metadata jsonb;
      BEGIN
        SELECT * INTO v_product FROM pulsa_products p WHERE p.code = p_product_code;
        IF NOT FOUND OR NOT v_product.active OR v_product.operator IS DISTINCT FROM p_operator THEN
          outcome := 'product';
          RETURN;
        END IF;
        SELECT * INTO v_agent FROM pulsa_agents a WHERE a.user_id = p_agent;
        IF NOT p_pin_checked
           AND (v_agent.locked_at IS NOT NULL OR v_agent.pin_failures > 0 OR v_agent.pin_hash IS DISTINCT FROM p_pin_hash) THEN
          outcome := 'pin';
          RETURN;
        END IF;
        -- One purchase of a product to a number at a time per agent, so the checks below hold.
        PERFORM pg_advisory_xact_lock(hashtextextended('pulsa-purchase:' || p_agent || ':' || p_product_code || ':' || p_destination, 0));
        IF p_idempotency_key IS NOT NULL THEN
          SELECT * INTO purchase FROM pulsa_transactions t WHERE t.agent_id = p_agent AND t.idempotency_key = p_idempotency_key;
          IF FOUND AND purchase.request_hash <> p_request_hash THEN
            outcome := 'idempotency_conflict';
            purchase := NULL;
            RETURN;
          END IF;
          IF FOUND THEN
            outcome := 'replayed';
            SELECT balance - held INTO available FROM ledger_accounts WHERE code = p_from_account;
            RETURN;
          END IF;
        END IF;
        SELECT t.short_id INTO earlier FROM pulsa_transactions t
          WHERE t.agent_id = p_agent AND t.destination = p_destination AND t.product_code = p_product_code
            AND t.counter = p_counter AND t.status <> 'failed' AND t.created_at > now() - make_interval(secs => p_window_seconds)
          ORDER BY t.created_at DESC LIMIT 1;
        IF FOUND THEN
          outcome := 'duplicate';
          RETURN;
        END IF;

        v_metadata := jsonb_build_object('product', p_product_code, 'destination', p_destination);
        SELECT * INTO v_hold FROM ledger_hold('pulsa_purchase', 'ledger', NULL,
          encode(sha256(convert_to(jsonb_build_object('hold', true, 'from', p_from_account, 'to', p_to_account,
                                                      'amount', v_product.price, 'reference', 'pulsa:' || p_id,
                                                      'metadata', v_metadata)::text, 'UTF8')), 'hex'),
          p_from_account, p_to_account, v_product.price, NULL, 'pulsa:' || p_id, v_metadata);
        -- A short id is typed by agents, so it is short: on the rare clash, another.
        LOOP
          INSERT INTO pulsa_transactions (id, short_id, ref_id, agent_id, product_code, operator, nominal, destination,
              counter, price, cost, supplier, supplier_sku, hold_id, idempotency_key, request_hash, channel, next_check_at)
            VALUES (p_id, 'T' || lpad(floor(random() * 100000000)::int::text, 8, '0'), replace(p_id::text, '-', ''),
                    p_agent, v_product.code, v_product.operator, v_product.nominal, p_destination, p_counter,
                    v_product.price, v_product.supplier_cost, v_product.supplier, v_product.supplier_sku, v_hold.id,
                    p_idempotency_key, p_request_hash, p_channel, now() + make_interval(secs => p_first_check_seconds))
            ON CONFLICT (short_id) DO NOTHING RETURNING * INTO purchase;
          EXIT WHEN FOUND;
        END LOOP;
        SELECT balance - held INTO available FROM ledger_accounts WHERE code = p_from_account;
        outcome := 'ok';
      END $$`);

    // The one way a purchase becomes final: the conditional update, then its hold committed (to
    // the credits given) or voided, and the agent's message, all or nothing. changed is false, and
    // the purchase as it is, when it was already final.
    await queryRunner.query(`
      CREATE FUNCTION pulsa_finalise(p_id uuid, p_status text, p_sn text, p_reason text, p_rc text, p_message text,
                                     p_by text, p_credit_codes text[], p_credit_amounts bigint[], p_notice jsonb,
                                     OUT changed boolean, OUT notified boolean, OUT purchase pulsa_transactions)
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE pulsa_transactions
           SET status = p_status, sn = p_sn, reason = p_reason, supplier_rc = coalesce(p_rc, supplier_rc),
               supplier_message = coalesce(p_message, supplier_message), finalised_by = p_by, finalised_at = now()
         WHERE id = p_id AND status = 'pending' RETURNING * INTO purchase;
        changed := FOUND;
        IF NOT changed THEN
          SELECT * INTO purchase FROM pulsa_transactions WHERE id = p_id;
          RETURN;
        END IF;
        IF p_status = 'success' THEN
          PERFORM ledger_resolve_hold(purchase.hold_id, 'committed', NULL, p_credit_codes, p_credit_amounts);
        ELSE
          PERFORM ledger_resolve_hold(purchase.hold_id, 'voided', NULL);
        END IF;
        notified := telegram_notify_user(purchase.agent_id, p_notice);
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION pulsa_finalise(uuid, text, text, text, text, text, text, text[], bigint[], jsonb)`,
    );
    await queryRunner.query(`DROP FUNCTION pulsa_place(uuid, uuid, text, text, text, int, text, boolean, int, text, text, text, int,
                                                       text, text)`);
    await queryRunner.query(`DROP FUNCTION ledger_resolve_hold(uuid, text, bigint, text[], bigint[])`);
    // The CreateLedger migration's versions.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_apply_entries(p_journal uuid, p_codes text[], p_amounts bigint[])
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_account record;
        v_balance bigint;
        v_available bigint;
        v_found int;
      BEGIN
        IF coalesce(array_length(p_codes, 1), 0) < 2 OR array_length(p_codes, 1) <> array_length(p_amounts, 1) THEN
          RAISE EXCEPTION 'a journal needs at least two legs' USING ERRCODE = 'LKUNB';
        END IF;
        IF (SELECT sum(a) FROM unnest(p_amounts) a) <> 0 OR EXISTS (SELECT 1 FROM unnest(p_amounts) a WHERE a = 0) THEN
          RAISE EXCEPTION 'legs must be non-zero and sum to zero' USING ERRCODE = 'LKUNB';
        END IF;
        SELECT count(*) INTO v_found FROM ledger_accounts WHERE code = ANY (p_codes);
        IF v_found <> (SELECT count(DISTINCT c) FROM unnest(p_codes) c) THEN
          RAISE EXCEPTION '%', (SELECT c FROM unnest(p_codes) c WHERE NOT EXISTS (
            SELECT 1 FROM ledger_accounts WHERE code = c) LIMIT 1) USING ERRCODE = 'LKNOA';
        END IF;
        PERFORM 1 FROM ledger_accounts WHERE code = ANY (p_codes) AND NOT allow_negative ORDER BY id FOR NO KEY UPDATE;
        FOR i IN 1 .. array_length(p_codes, 1) LOOP
          SELECT id, allow_negative INTO v_account FROM ledger_accounts WHERE code = p_codes[i];
          IF v_account.allow_negative THEN
            INSERT INTO ledger_entries (journal_id, account_id, amount) VALUES (p_journal, v_account.id, p_amounts[i]);
          ELSE
            -- Checked before the update, which would otherwise trip the available-balance CHECK.
            SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_account.id;
            IF v_available + p_amounts[i] < 0 THEN
              RAISE EXCEPTION '%', p_codes[i] USING ERRCODE = 'LKINS', DETAIL = v_available::text;
            END IF;
            UPDATE ledger_accounts SET balance = balance + p_amounts[i], version = version + 1
              WHERE id = v_account.id RETURNING balance INTO v_balance;
            INSERT INTO ledger_entries (journal_id, account_id, amount, balance_after)
              VALUES (p_journal, v_account.id, p_amounts[i], v_balance);
          END IF;
        END LOOP;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_resolve_hold(p_hold uuid, p_outcome text, p_amount bigint)
      RETURNS SETOF ledger_holds LANGUAGE plpgsql AS $$
      DECLARE
        v_hold ledger_holds;
        v_journal uuid;
        v_codes text[];
      BEGIN
        SELECT * INTO v_hold FROM ledger_holds WHERE id = p_hold FOR UPDATE;
        IF NOT FOUND THEN RAISE EXCEPTION '%', p_hold USING ERRCODE = 'LKNOH'; END IF;
        IF v_hold.status <> 'pending' THEN
          RAISE EXCEPTION '%', v_hold.status USING ERRCODE = 'LKHRS';
        END IF;
        IF p_outcome = 'committed' THEN
          p_amount := coalesce(p_amount, v_hold.amount);
        END IF;
        IF p_outcome = 'committed' AND v_hold.expires_at IS NOT NULL AND v_hold.expires_at <= now() THEN
          RAISE EXCEPTION '%', v_hold.expires_at USING ERRCODE = 'LKHEX';
        END IF;
        IF p_outcome = 'committed' AND (p_amount < 1 OR p_amount > v_hold.amount) THEN
          RAISE EXCEPTION '%', v_hold.amount USING ERRCODE = 'LKHAM';
        END IF;
        PERFORM 1 FROM ledger_accounts WHERE id IN (v_hold.from_account_id, v_hold.to_account_id)
          AND (NOT allow_negative OR id = v_hold.from_account_id) ORDER BY id FOR NO KEY UPDATE;
        UPDATE ledger_accounts SET held = held - v_hold.amount, version = version + 1 WHERE id = v_hold.from_account_id;
        IF p_outcome = 'committed' THEN
          INSERT INTO ledger_journals (kind, request_hash, reference, metadata)
            VALUES (v_hold.kind, v_hold.request_hash, v_hold.reference, v_hold.metadata || jsonb_build_object('holdId', v_hold.id))
            RETURNING id INTO v_journal;
          SELECT array[(SELECT code FROM ledger_accounts WHERE id = v_hold.from_account_id),
                       (SELECT code FROM ledger_accounts WHERE id = v_hold.to_account_id)] INTO v_codes;
          PERFORM ledger_apply_entries(v_journal, v_codes, array[-p_amount, p_amount]);
        END IF;
        UPDATE ledger_holds SET status = p_outcome, resolved_at = now(),
            committed_amount = CASE WHEN p_outcome = 'committed' THEN p_amount END, journal_id = v_journal
          WHERE id = p_hold RETURNING * INTO v_hold;
        RETURN NEXT v_hold;
      END $$`);
  }
}
