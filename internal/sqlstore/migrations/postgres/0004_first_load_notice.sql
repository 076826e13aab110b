-- Every page asks whether a first load has not ended (imports.bulk = 1),
-- to say that lists, search and counts are behind: this finds the marked
-- job without reading the list of imports.
CREATE INDEX imports_first_load ON imports (id) WHERE bulk = 1;
