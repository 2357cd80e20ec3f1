-- The levels of the division hierarchy as data: name, depth from the top,
-- the length of their statistical codes and their titles. A region's level
-- refers to this table instead of a fixed list, and the province joins the
-- hierarchy above the city. The rows equal analytics.Hierarchy (the
-- migrations' tests check it); SQLite's migration 12 is levels.go.

-- +goose Up
CREATE TABLE levels (
    name        text COLLATE "C" PRIMARY KEY,
    depth       integer NOT NULL UNIQUE CHECK (depth >= 0),
    code_length integer NOT NULL UNIQUE CHECK (code_length > 0),
    title_zh    text NOT NULL,
    title_en    text NOT NULL
);
INSERT INTO levels (name, depth, code_length, title_zh, title_en) VALUES
    ('province', 0, 2, '省(自治区、直辖市)', 'Province'),
    ('city', 1, 4, '市', 'City'),
    ('county', 2, 6, '县(市、区)', 'County'),
    ('township', 3, 9, '乡镇(街道)', 'Township'),
    ('community', 4, 12, '社区(村)', 'Community');
ALTER TABLE regions DROP CONSTRAINT regions_level_check;
ALTER TABLE regions ADD CONSTRAINT regions_level_fkey FOREIGN KEY (level) REFERENCES levels (name);

-- +goose Down
ALTER TABLE regions DROP CONSTRAINT regions_level_fkey;
DELETE FROM regions WHERE level = 'province';
ALTER TABLE regions ADD CONSTRAINT regions_level_check CHECK (level IN ('city', 'county', 'township', 'community'));
DROP TABLE levels;
