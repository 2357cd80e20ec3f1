-- The region each audit entry is attributed to: the acting user's region
-- when the entry was written, empty for the whole atlas (an unlimited user,
-- an anonymous request, an unknown username). An admin limited to a region
-- reads the entries of the regions inside theirs. Entries written before
-- take their user's region now.

-- +goose Up
ALTER TABLE audit ADD COLUMN region text COLLATE "C" NOT NULL DEFAULT '';
UPDATE audit SET region = COALESCE((SELECT u.region FROM users u WHERE u.username = audit.username), '');
CREATE INDEX audit_region ON audit (region, id);

-- +goose Down
DROP INDEX audit_region;
ALTER TABLE audit DROP COLUMN region;
