-- Attendance sheets (issue 11): an import of a programme's daftar hadir is
-- tied to the programme (and optionally one activity) its rows are
-- enrolled in; a row waiting in the review queue keeps the day and state
-- it attended, so that resolving it enrols the business as the sheet said.
-- People are matched by NIK, then phone, then name and desa: the phone
-- needs an index of its own.
ALTER TABLE imports ADD COLUMN programme_id INTEGER REFERENCES programmes (id);
ALTER TABLE imports ADD COLUMN activity_id INTEGER REFERENCES programme_activities (id);
ALTER TABLE import_reviews ADD COLUMN attendance TEXT NOT NULL DEFAULT '';
CREATE INDEX persons_phone ON persons (phone) WHERE phone <> '';
