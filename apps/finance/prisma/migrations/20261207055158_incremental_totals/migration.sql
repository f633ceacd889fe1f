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


-- The totals are kept by triggers, so every writer (the handlers, imports, payments, a bulk load
-- in SQL) moves them in the same transaction as the rows. Each function keeps the search_path it
-- was created with (the service's schema), so a session with another search_path still finds them.
-- Prisma's migration runner splits scripts at every semicolon, so the function bodies are escaped
-- strings with each semicolon written as \073.

CREATE FUNCTION commitment_total_move() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_OP = ''UPDATE''
     AND OLD.superseded_at IS NOT DISTINCT FROM NEW.superseded_at AND OLD.amount_pence = NEW.amount_pence
     AND OLD.awaiting_ratification = NEW.awaiting_ratification AND OLD.category = NEW.category
     AND OLD.financial_year = NEW.financial_year AND OLD.local_authority = NEW.local_authority THEN
    RETURN NULL\073
  END IF\073
  IF TG_OP <> ''INSERT'' AND OLD.superseded_at IS NULL THEN
    INSERT INTO commitment_total AS t (local_authority, financial_year, category, amount_pence, lines, awaiting_pence, awaiting_lines)
    VALUES (OLD.local_authority, OLD.financial_year, OLD.category, -OLD.amount_pence, -1,
            CASE WHEN OLD.awaiting_ratification THEN -OLD.amount_pence ELSE 0 END,
            CASE WHEN OLD.awaiting_ratification THEN -1 ELSE 0 END)
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      amount_pence = t.amount_pence + EXCLUDED.amount_pence, lines = t.lines + EXCLUDED.lines,
      awaiting_pence = t.awaiting_pence + EXCLUDED.awaiting_pence, awaiting_lines = t.awaiting_lines + EXCLUDED.awaiting_lines\073
  END IF\073
  IF TG_OP <> ''DELETE'' AND NEW.superseded_at IS NULL THEN
    INSERT INTO commitment_total AS t (local_authority, financial_year, category, amount_pence, lines, awaiting_pence, awaiting_lines)
    VALUES (NEW.local_authority, NEW.financial_year, NEW.category, NEW.amount_pence, 1,
            CASE WHEN NEW.awaiting_ratification THEN NEW.amount_pence ELSE 0 END,
            CASE WHEN NEW.awaiting_ratification THEN 1 ELSE 0 END)
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      amount_pence = t.amount_pence + EXCLUDED.amount_pence, lines = t.lines + EXCLUDED.lines,
      awaiting_pence = t.awaiting_pence + EXCLUDED.awaiting_pence, awaiting_lines = t.awaiting_lines + EXCLUDED.awaiting_lines\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER commitment_total_move AFTER INSERT OR UPDATE OR DELETE ON "commitment"
  FOR EACH ROW EXECUTE FUNCTION commitment_total_move();

CREATE FUNCTION placement_start_day_move() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_OP = ''UPDATE''
     AND OLD.start_date = NEW.start_date AND OLD.category = NEW.category
     AND OLD.weekly_cost_pence = NEW.weekly_cost_pence AND OLD.local_authority = NEW.local_authority THEN
    RETURN NULL\073
  END IF\073
  IF TG_OP <> ''INSERT'' THEN
    INSERT INTO placement_start_day AS t (local_authority, start_date, category, placements, weekly_pence)
    VALUES (OLD.local_authority, OLD.start_date, OLD.category, -1, -OLD.weekly_cost_pence)
    ON CONFLICT (local_authority, start_date, category) DO UPDATE SET
      placements = t.placements + EXCLUDED.placements, weekly_pence = t.weekly_pence + EXCLUDED.weekly_pence\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    INSERT INTO placement_start_day AS t (local_authority, start_date, category, placements, weekly_pence)
    VALUES (NEW.local_authority, NEW.start_date, NEW.category, 1, NEW.weekly_cost_pence)
    ON CONFLICT (local_authority, start_date, category) DO UPDATE SET
      placements = t.placements + EXCLUDED.placements, weekly_pence = t.weekly_pence + EXCLUDED.weekly_pence\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER placement_start_day_move AFTER INSERT OR UPDATE OR DELETE ON "placement"
  FOR EACH ROW EXECUTE FUNCTION placement_start_day_move();

CREATE FUNCTION payment_total_move() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_OP = ''UPDATE''
     AND OLD.paid_pence = NEW.paid_pence AND OLD.released_pence = NEW.released_pence AND OLD.category = NEW.category
     AND OLD.financial_year = NEW.financial_year AND OLD.local_authority = NEW.local_authority THEN
    RETURN NULL\073
  END IF\073
  IF TG_OP <> ''INSERT'' THEN
    INSERT INTO payment_total AS t (local_authority, financial_year, category, allocations, paid_pence, released_pence)
    VALUES (OLD.local_authority, OLD.financial_year, OLD.category, -1, -OLD.paid_pence, -OLD.released_pence)
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      allocations = t.allocations + EXCLUDED.allocations, paid_pence = t.paid_pence + EXCLUDED.paid_pence,
      released_pence = t.released_pence + EXCLUDED.released_pence\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    INSERT INTO payment_total AS t (local_authority, financial_year, category, allocations, paid_pence, released_pence)
    VALUES (NEW.local_authority, NEW.financial_year, NEW.category, 1, NEW.paid_pence, NEW.released_pence)
    ON CONFLICT (local_authority, financial_year, category) DO UPDATE SET
      allocations = t.allocations + EXCLUDED.allocations, paid_pence = t.paid_pence + EXCLUDED.paid_pence,
      released_pence = t.released_pence + EXCLUDED.released_pence\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER payment_total_move AFTER INSERT OR UPDATE OR DELETE ON "payment_allocation"
  FOR EACH ROW EXECUTE FUNCTION payment_total_move();

-- TRUNCATE fires no row trigger: it empties the totals with the rows.
CREATE FUNCTION totals_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS E'
BEGIN
  IF TG_TABLE_NAME = ''commitment'' THEN DELETE FROM commitment_total\073
  ELSIF TG_TABLE_NAME = ''placement'' THEN DELETE FROM placement_start_day\073
  ELSE DELETE FROM payment_total\073
  END IF\073
  RETURN NULL\073
END ';

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
