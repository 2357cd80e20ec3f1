-- Who wrote each batch and what the import understood of its file: the
-- report a dry run of the same file answers (format, CRS, columns, rows,
-- regions new/changed/removed), as JSON. Batches written before have no
-- user ('') and no report (NULL); so do the seeds.

-- +goose Up
ALTER TABLE batches ADD COLUMN username TEXT NOT NULL DEFAULT '';
ALTER TABLE batches ADD COLUMN report TEXT CHECK (report IS NULL OR json_valid(report));

-- +goose Down
ALTER TABLE batches DROP COLUMN report;
ALTER TABLE batches DROP COLUMN username;
