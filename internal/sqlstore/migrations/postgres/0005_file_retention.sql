-- Uploaded files hold personal data (NIK, phone, addresses) and are kept
-- only for a period after their import ends: this records when an
-- import's file was deleted, and finds the ended imports whose file is
-- still kept.
ALTER TABLE imports ADD COLUMN file_deleted_at TIMESTAMPTZ;
CREATE INDEX imports_file_kept ON imports (finished_at) WHERE file_deleted_at IS NULL;
