-- CreateTable
CREATE TABLE "commitment_total" (
    "local_authority" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "amount_pence" BIGINT NOT NULL DEFAULT 0,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "awaiting_pence" BIGINT NOT NULL DEFAULT 0,
    "awaiting_lines" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "commitment_total_pkey" PRIMARY KEY ("local_authority","financial_year","category")
);

-- CreateTable
CREATE TABLE "placement_start_day" (
    "local_authority" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "placements" INTEGER NOT NULL DEFAULT 0,
    "weekly_pence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "placement_start_day_pkey" PRIMARY KEY ("local_authority","start_date","category")
);

-- CreateTable
CREATE TABLE "payment_total" (
    "local_authority" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "allocations" INTEGER NOT NULL DEFAULT 0,
    "paid_pence" BIGINT NOT NULL DEFAULT 0,
    "released_pence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "payment_total_pkey" PRIMARY KEY ("local_authority","financial_year","category")
);

-- CreateIndex
CREATE INDEX "placement_local_authority_child_id_idx" ON "placement"("local_authority", "child_id");


-- The totals are kept by statement triggers, so every writer (the handlers, imports, payments, a
-- bulk load in SQL) moves them in the same transaction as the rows: each statement adds up what it
-- inserted, deleted or changed (its transition tables) and moves each total it touched once, in key
-- order. An update that changes nothing a total sums moves nothing. Each function keeps the
-- search_path it was created with (the service's schema), so a session with another search_path
-- still finds the totals. Prisma's migration runner splits scripts at every semicolon, so the
-- function bodies are escaped strings, each semicolon written as \073.

CREATE FUNCTION commitment_total_move() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO commitment_total AS t (local_authority, financial_year, category, amount_pence, lines, awaiting_pence, awaiting_lines)
    SELECT local_authority, financial_year, category, sum(sign * amount_pence), sum(sign), sum(CASE WHEN awaiting_ratification THEN sign * amount_pence ELSE 0 END), sum(CASE WHEN awaiting_ratification THEN sign ELSE 0 END) FROM (
      SELECT 1 AS sign, * FROM new_rows WHERE superseded_at IS NULL
    ) d GROUP BY local_authority, financial_year, category HAVING sum(sign * amount_pence) <> 0 OR sum(sign) <> 0 OR sum(CASE WHEN awaiting_ratification THEN sign * amount_pence ELSE 0 END) <> 0 OR sum(CASE WHEN awaiting_ratification THEN sign ELSE 0 END) <> 0 ORDER BY local_authority, financial_year, category
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      amount_pence = t.amount_pence + EXCLUDED.amount_pence,
      lines = t.lines + EXCLUDED.lines,
      awaiting_pence = t.awaiting_pence + EXCLUDED.awaiting_pence,
      awaiting_lines = t.awaiting_lines + EXCLUDED.awaiting_lines\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO commitment_total AS t (local_authority, financial_year, category, amount_pence, lines, awaiting_pence, awaiting_lines)
    SELECT local_authority, financial_year, category, sum(sign * amount_pence), sum(sign), sum(CASE WHEN awaiting_ratification THEN sign * amount_pence ELSE 0 END), sum(CASE WHEN awaiting_ratification THEN sign ELSE 0 END) FROM (
      SELECT -1 AS sign, * FROM old_rows WHERE superseded_at IS NULL
    ) d GROUP BY local_authority, financial_year, category HAVING sum(sign * amount_pence) <> 0 OR sum(sign) <> 0 OR sum(CASE WHEN awaiting_ratification THEN sign * amount_pence ELSE 0 END) <> 0 OR sum(CASE WHEN awaiting_ratification THEN sign ELSE 0 END) <> 0 ORDER BY local_authority, financial_year, category
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      amount_pence = t.amount_pence + EXCLUDED.amount_pence,
      lines = t.lines + EXCLUDED.lines,
      awaiting_pence = t.awaiting_pence + EXCLUDED.awaiting_pence,
      awaiting_lines = t.awaiting_lines + EXCLUDED.awaiting_lines\073
  ELSE
    INSERT INTO commitment_total AS t (local_authority, financial_year, category, amount_pence, lines, awaiting_pence, awaiting_lines)
    SELECT local_authority, financial_year, category, sum(sign * amount_pence), sum(sign), sum(CASE WHEN awaiting_ratification THEN sign * amount_pence ELSE 0 END), sum(CASE WHEN awaiting_ratification THEN sign ELSE 0 END) FROM (
      SELECT -1 AS sign, * FROM old_rows WHERE superseded_at IS NULL
      UNION ALL
      SELECT 1 AS sign, * FROM new_rows WHERE superseded_at IS NULL
    ) d GROUP BY local_authority, financial_year, category HAVING sum(sign * amount_pence) <> 0 OR sum(sign) <> 0 OR sum(CASE WHEN awaiting_ratification THEN sign * amount_pence ELSE 0 END) <> 0 OR sum(CASE WHEN awaiting_ratification THEN sign ELSE 0 END) <> 0 ORDER BY local_authority, financial_year, category
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      amount_pence = t.amount_pence + EXCLUDED.amount_pence,
      lines = t.lines + EXCLUDED.lines,
      awaiting_pence = t.awaiting_pence + EXCLUDED.awaiting_pence,
      awaiting_lines = t.awaiting_lines + EXCLUDED.awaiting_lines\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER commitment_total_insert AFTER INSERT ON "commitment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_total_move();
CREATE TRIGGER commitment_total_update AFTER UPDATE ON "commitment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_total_move();
CREATE TRIGGER commitment_total_delete AFTER DELETE ON "commitment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_total_move();

CREATE FUNCTION placement_start_day_move() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO placement_start_day AS t (local_authority, start_date, category, placements, weekly_pence)
    SELECT local_authority, start_date, category, sum(sign), sum(sign * weekly_cost_pence::bigint) FROM (
      SELECT 1 AS sign, * FROM new_rows
    ) d GROUP BY local_authority, start_date, category HAVING sum(sign) <> 0 OR sum(sign * weekly_cost_pence::bigint) <> 0 ORDER BY local_authority, start_date, category
    ON CONFLICT (local_authority, start_date, category) DO UPDATE SET
      placements = t.placements + EXCLUDED.placements,
      weekly_pence = t.weekly_pence + EXCLUDED.weekly_pence\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO placement_start_day AS t (local_authority, start_date, category, placements, weekly_pence)
    SELECT local_authority, start_date, category, sum(sign), sum(sign * weekly_cost_pence::bigint) FROM (
      SELECT -1 AS sign, * FROM old_rows
    ) d GROUP BY local_authority, start_date, category HAVING sum(sign) <> 0 OR sum(sign * weekly_cost_pence::bigint) <> 0 ORDER BY local_authority, start_date, category
    ON CONFLICT (local_authority, start_date, category) DO UPDATE SET
      placements = t.placements + EXCLUDED.placements,
      weekly_pence = t.weekly_pence + EXCLUDED.weekly_pence\073
  ELSE
    INSERT INTO placement_start_day AS t (local_authority, start_date, category, placements, weekly_pence)
    SELECT local_authority, start_date, category, sum(sign), sum(sign * weekly_cost_pence::bigint) FROM (
      SELECT -1 AS sign, * FROM old_rows
      UNION ALL
      SELECT 1 AS sign, * FROM new_rows
    ) d GROUP BY local_authority, start_date, category HAVING sum(sign) <> 0 OR sum(sign * weekly_cost_pence::bigint) <> 0 ORDER BY local_authority, start_date, category
    ON CONFLICT (local_authority, start_date, category) DO UPDATE SET
      placements = t.placements + EXCLUDED.placements,
      weekly_pence = t.weekly_pence + EXCLUDED.weekly_pence\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER placement_start_day_insert AFTER INSERT ON "placement" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION placement_start_day_move();
CREATE TRIGGER placement_start_day_update AFTER UPDATE ON "placement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION placement_start_day_move();
CREATE TRIGGER placement_start_day_delete AFTER DELETE ON "placement" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION placement_start_day_move();

CREATE FUNCTION payment_total_move() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO payment_total AS t (local_authority, financial_year, category, allocations, paid_pence, released_pence)
    SELECT local_authority, financial_year, category, sum(sign), sum(sign * paid_pence), sum(sign * released_pence) FROM (
      SELECT 1 AS sign, * FROM new_rows
    ) d GROUP BY local_authority, financial_year, category HAVING sum(sign) <> 0 OR sum(sign * paid_pence) <> 0 OR sum(sign * released_pence) <> 0 ORDER BY local_authority, financial_year, category
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      allocations = t.allocations + EXCLUDED.allocations,
      paid_pence = t.paid_pence + EXCLUDED.paid_pence,
      released_pence = t.released_pence + EXCLUDED.released_pence\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO payment_total AS t (local_authority, financial_year, category, allocations, paid_pence, released_pence)
    SELECT local_authority, financial_year, category, sum(sign), sum(sign * paid_pence), sum(sign * released_pence) FROM (
      SELECT -1 AS sign, * FROM old_rows
    ) d GROUP BY local_authority, financial_year, category HAVING sum(sign) <> 0 OR sum(sign * paid_pence) <> 0 OR sum(sign * released_pence) <> 0 ORDER BY local_authority, financial_year, category
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      allocations = t.allocations + EXCLUDED.allocations,
      paid_pence = t.paid_pence + EXCLUDED.paid_pence,
      released_pence = t.released_pence + EXCLUDED.released_pence\073
  ELSE
    INSERT INTO payment_total AS t (local_authority, financial_year, category, allocations, paid_pence, released_pence)
    SELECT local_authority, financial_year, category, sum(sign), sum(sign * paid_pence), sum(sign * released_pence) FROM (
      SELECT -1 AS sign, * FROM old_rows
      UNION ALL
      SELECT 1 AS sign, * FROM new_rows
    ) d GROUP BY local_authority, financial_year, category HAVING sum(sign) <> 0 OR sum(sign * paid_pence) <> 0 OR sum(sign * released_pence) <> 0 ORDER BY local_authority, financial_year, category
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      allocations = t.allocations + EXCLUDED.allocations,
      paid_pence = t.paid_pence + EXCLUDED.paid_pence,
      released_pence = t.released_pence + EXCLUDED.released_pence\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER payment_total_insert AFTER INSERT ON "payment_allocation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payment_total_move();
CREATE TRIGGER payment_total_update AFTER UPDATE ON "payment_allocation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payment_total_move();
CREATE TRIGGER payment_total_delete AFTER DELETE ON "payment_allocation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION payment_total_move();

-- TRUNCATE fires no row or transition trigger: it empties the totals with the rows.
CREATE FUNCTION totals_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_TABLE_NAME = ''commitment'' THEN DELETE FROM commitment_total\073
  ELSIF TG_TABLE_NAME = ''placement'' THEN DELETE FROM placement_start_day\073
  ELSE DELETE FROM payment_total\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER commitment_total_truncate AFTER TRUNCATE ON "commitment" FOR EACH STATEMENT EXECUTE FUNCTION totals_truncate();
CREATE TRIGGER placement_start_day_truncate AFTER TRUNCATE ON "placement" FOR EACH STATEMENT EXECUTE FUNCTION totals_truncate();
CREATE TRIGGER payment_total_truncate AFTER TRUNCATE ON "payment_allocation" FOR EACH STATEMENT EXECUTE FUNCTION totals_truncate();

-- The rows already there.
INSERT INTO commitment_total (local_authority, financial_year, category, amount_pence, lines, awaiting_pence, awaiting_lines)
SELECT local_authority, financial_year, category, sum(amount_pence), count(*),
       coalesce(sum(amount_pence) FILTER (WHERE awaiting_ratification), 0), count(*) FILTER (WHERE awaiting_ratification)
FROM "commitment" WHERE superseded_at IS NULL GROUP BY 1, 2, 3;

INSERT INTO placement_start_day (local_authority, start_date, category, placements, weekly_pence)
SELECT local_authority, start_date, category, count(*), sum(weekly_cost_pence) FROM "placement" GROUP BY 1, 2, 3;

INSERT INTO payment_total (local_authority, financial_year, category, allocations, paid_pence, released_pence)
SELECT local_authority, financial_year, category, count(*), sum(paid_pence), sum(released_pence) FROM "payment_allocation" GROUP BY 1, 2, 3;
