-- The total of workers (issue 14): "Jumlah Tenaga Kerja" of offices' files,
-- kept as a field instead of the notes. A record with a split gets its sum,
-- as Enterprise.Normalize derives it; one without stays 0, unknown.
ALTER TABLE enterprises ADD COLUMN workers_total INTEGER NOT NULL DEFAULT 0;
UPDATE enterprises SET workers_total = workers_paid_male + workers_paid_female + workers_unpaid_male + workers_unpaid_female
WHERE workers_paid_male + workers_paid_female + workers_unpaid_male + workers_unpaid_female > 0;

-- The import column was the field "workers" (kept in the notes); saved
-- mappings and imports name it by its new field.
UPDATE import_mappings SET mapping = REPLACE(mapping, '"workers"', '"workers_total"') WHERE mapping LIKE '%"workers"%';
UPDATE imports SET mapping = REPLACE(mapping, '"workers"', '"workers_total"') WHERE mapping LIKE '%"workers"%';
