-- Programmes (issue 11): a programme's own WhatsApp invitation, and the
-- order of a candidate list (never reached first, then the longest since
-- reached, then by name) as list indexes that carry the desa and facets,
-- so that the first page is a walk that stops once it is full.
ALTER TABLE programmes ADD COLUMN invitation_template TEXT NOT NULL DEFAULT '';

CREATE INDEX enterprises_live_reach ON enterprises (reached_last NULLS FIRST, sort_name, id) INCLUDE (village_code, facets) WHERE archived_at IS NULL;
CREATE INDEX enterprises_live_district_reach ON enterprises (district_code, reached_last NULLS FIRST, sort_name, id) INCLUDE (facets) WHERE archived_at IS NULL;

-- Statistics of the masked facets (see search.go) that candidate lists
-- test, so that the planner knows how many rows a size, section, coaching
-- or digital criterion keeps, and walks the reach index for a first page
-- rather than sorting every match.
CREATE STATISTICS enterprises_facet_section ON (facets & 31) FROM enterprises;
CREATE STATISTICS enterprises_facet_size ON (facets & 224) FROM enterprises;
CREATE STATISTICS enterprises_facet_binaan ON (facets & 8192) FROM enterprises;
CREATE STATISTICS enterprises_facet_digital ON (facets & 507904) FROM enterprises;
