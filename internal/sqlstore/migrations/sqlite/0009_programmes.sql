-- Programmes (issue 11): a programme's own WhatsApp invitation, and the
-- order of a candidate list (never reached first, then the longest since
-- reached, then by name) as list indexes that carry the desa and facets,
-- so that the first page is a walk that stops once it is full.
ALTER TABLE programmes ADD COLUMN invitation_template TEXT NOT NULL DEFAULT '';

CREATE INDEX enterprises_live_reach ON enterprises (reached_last, sort_name, id, village_code, facets) WHERE archived_at IS NULL;
CREATE INDEX enterprises_live_district_reach ON enterprises (district_code, reached_last, sort_name, id, facets) WHERE archived_at IS NULL;
