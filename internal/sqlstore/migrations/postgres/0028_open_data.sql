-- The open-data page dates each dataset by the newest change of the
-- records it counts (sqlstore/opendata.go): one row of an index each,
-- rather than a scan of every cooperative, participant and report.
CREATE INDEX cooperatives_updated ON cooperatives (updated_at);
CREATE INDEX programmes_updated ON programmes (updated_at);
CREATE INDEX programme_participants_updated ON programme_participants (updated_at);
CREATE INDEX annual_reports_updated ON annual_reports (updated_at);
