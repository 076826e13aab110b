-- Forgiving search (issue 14, docs/search.md). The words of every record
-- now carry their spelling keys (bina.SearchKey) and the main product: the
-- store writes them again, in Go, when search_version is below the version
-- it writes (Store.rebuildSearch, run after the migrations).
CREATE TABLE search_version (
	version INTEGER NOT NULL
);
INSERT INTO search_version (version) VALUES (1);
