-- Sorting the registers by their columns (issue 14): one index per sort,
-- walked by keyset like the name's. The desa sort walks
-- enterprises_live_village (0001), the "updated" and "registered" sorts
-- their indexes in either direction.
--
-- The size sort orders by the size class as a number (unknown, mikro,
-- kecil, menengah, besar: the facet code of search.go, bits 5-7 of
-- facets), a generated column so that both engines' SQL names a column
-- (SQLite seeks a keyset's row value only in an index of columns).
ALTER TABLE enterprises ADD COLUMN size_rank INTEGER GENERATED ALWAYS AS ((facets >> 5) & 7) STORED;
CREATE INDEX enterprises_live_size ON enterprises (size_rank, sort_name, id) INCLUDE (village_code, facets) WHERE archived_at IS NULL;

CREATE INDEX cooperatives_live_village ON cooperatives (village_code, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX cooperatives_live_jenis ON cooperatives (jenis, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX cooperatives_live_rat ON cooperatives (last_rat_year, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX cooperatives_live_updated ON cooperatives (updated_at, id) WHERE archived_at IS NULL;
