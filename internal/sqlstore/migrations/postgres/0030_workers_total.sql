-- The total of workers (issue 14): "Jumlah Tenaga Kerja" of offices' files,
-- kept as a field instead of the notes. A record with a split gets its sum,
-- as Enterprise.Normalize derives it; one without stays 0, unknown.
ALTER TABLE enterprises ADD COLUMN workers_total INTEGER NOT NULL DEFAULT 0;

-- The word trigger compares every old row with its new one, joining the
-- statement's transition tables, which have no index: over 200,000 rows it
-- ran for more than ten minutes. The total changes no words, so the trigger
-- is left out of this one statement (when a first load has not dropped or
-- disabled it already; it is then put back as it was).
DO $$
DECLARE
	was_on boolean;
BEGIN
	SELECT tgenabled <> 'D' INTO was_on FROM pg_trigger
	WHERE tgname = 'enterprise_words_update' AND tgrelid = 'enterprises'::regclass;
	IF was_on THEN
		ALTER TABLE enterprises DISABLE TRIGGER enterprise_words_update;
	END IF;
	UPDATE enterprises SET workers_total = workers_paid_male + workers_paid_female + workers_unpaid_male + workers_unpaid_female
	WHERE workers_paid_male + workers_paid_female + workers_unpaid_male + workers_unpaid_female > 0;
	IF was_on THEN
		ALTER TABLE enterprises ENABLE TRIGGER enterprise_words_update;
	END IF;
END
$$;

-- The import column was the field "workers" (kept in the notes); saved
-- mappings and imports name it by its new field.
UPDATE import_mappings SET mapping = REPLACE(mapping, '"workers"', '"workers_total"') WHERE mapping LIKE '%"workers"%';
UPDATE imports SET mapping = REPLACE(mapping, '"workers"', '"workers_total"') WHERE mapping LIKE '%"workers"%';
