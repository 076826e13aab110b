-- The audit (UU 27/2022): every read of personal data, single and bulk,
-- and the events of accounts, in one table. A read of one record keeps its
-- id in entity_id; a list page keeps the ids it showed in records, written
-- ",12,15,99," so that one LIKE finds a record in it; an export keeps its
-- filter and its number of records. One row per request, never per record.
CREATE TABLE audit_log (
	id           INTEGER PRIMARY KEY,
	at           TIMESTAMP NOT NULL,
	actor_id     INTEGER NOT NULL DEFAULT 0,
	actor        TEXT NOT NULL,
	client_addr  TEXT NOT NULL DEFAULT '',
	action       TEXT NOT NULL,
	entity       TEXT NOT NULL DEFAULT '',
	entity_id    INTEGER,
	records      TEXT NOT NULL DEFAULT '',
	record_count INTEGER NOT NULL DEFAULT 0,
	filter       TEXT NOT NULL DEFAULT '',
	detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
CREATE INDEX audit_log_record ON audit_log (entity, entity_id);

-- The single-record views recorded so far move into the audit.
INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, records, record_count)
SELECT at, user_id, user_name, 'view', entity, entity_id, ',' || entity_id || ',', 1 FROM personal_data_access ORDER BY id;
DROP TABLE personal_data_access;
