-- Attendance sheets (issue 11): an import of a programme's daftar hadir is
-- tied to the programme (and optionally one activity) its rows are
-- enrolled in; a row waiting in the review queue keeps the day and state
-- it attended, so that resolving it enrols the business as the sheet said.
-- People are matched by NIK, then phone, then name and desa: the phone
-- needs an index of its own.
ALTER TABLE imports ADD COLUMN programme_id BIGINT REFERENCES programmes (id);
ALTER TABLE imports ADD COLUMN activity_id BIGINT REFERENCES programme_activities (id);
ALTER TABLE import_reviews ADD COLUMN attendance TEXT NOT NULL DEFAULT '';
CREATE INDEX persons_phone ON persons (phone) WHERE phone <> '';

-- An update that leaves every record's words, sort name, desa, facets and
-- archived state alone (the reach an attendance sheet or a session
-- refreshes, a verification) has no words to rewrite: without this early
-- exit the trigger's DELETE joined the whole of enterprise_words, some
-- 900 ms per statement of 500 records at 20,000 businesses.
CREATE OR REPLACE FUNCTION enterprise_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
		WHERE n.search <> o.search OR n.sort_name <> o.sort_name OR n.village_code <> o.village_code
			OR n.facets <> o.facets OR (n.archived_at IS NULL) <> (o.archived_at IS NULL)) THEN
		RETURN NULL;
	END IF;
	DELETE FROM enterprise_words x
	USING old_rows o
		JOIN new_rows n ON n.id = o.id
		CROSS JOIN LATERAL unnest(tsvector_to_array(o.search)) AS w (word)
	WHERE x.word = w.word AND x.sort_name = o.sort_name AND x.enterprise_id = o.id AND o.archived_at IS NULL
		AND (n.search <> o.search OR n.sort_name <> o.sort_name OR n.village_code <> o.village_code
			OR n.facets <> o.facets OR n.archived_at IS NOT NULL);
	INSERT INTO enterprise_words (word, sort_name, enterprise_id, village_code, facets)
	SELECT w.word, n.sort_name, n.id, n.village_code, n.facets
	FROM new_rows n
		JOIN old_rows o ON o.id = n.id
		CROSS JOIN LATERAL unnest(tsvector_to_array(n.search)) AS w (word)
	WHERE n.archived_at IS NULL
		AND (n.search <> o.search OR n.sort_name <> o.sort_name OR n.village_code <> o.village_code
			OR n.facets <> o.facets OR o.archived_at IS NOT NULL);
	RETURN NULL;
END
$$;
