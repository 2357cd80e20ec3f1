package migrations

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"strings"

	"github.com/pressly/goose/v3"
)

// SQLite's migration 12, the levels table (see postgres/00012_levels.sql,
// whose statements it shares). SQLite cannot alter a column's constraint,
// and rebuilding regions would need foreign keys off, which a transaction
// cannot turn off (nor a pool of one connection, :memory:, lend a second
// connection for). So the CHECK on the level is swapped for a reference to
// levels in the schema's text, the way SQLite documents for constraints
// that do not change what is stored: in one transaction, writable_schema
// on, the schema version raised so that every connection reads the new
// schema, and the regions checked against levels before the commit.

//go:embed postgres/00012_levels.sql
var levelsPostgres string

// levelsSQL is the CREATE TABLE and INSERT of the levels as PostgreSQL's
// migration has them, less the collation: SQLite's default (BINARY) is
// the byte order that "C" gives PostgreSQL.
var levelsSQL = func() string {
	up := levelsPostgres[strings.Index(levelsPostgres, "CREATE TABLE levels"):]
	return strings.ReplaceAll(up[:strings.Index(up, "ALTER TABLE")], ` COLLATE "C"`, "")
}()

const (
	levelCheck     = `CHECK (level IN ('city', 'county', 'township', 'community'))`
	levelReference = `REFERENCES levels (name)`
)

var sqliteLevels = goose.NewGoMigration(12,
	&goose.GoFunc{Mode: goose.TransactionEnabled, RunTx: func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, levelsSQL); err != nil {
			return fmt.Errorf("levels: %w", err)
		}
		return swapLevelConstraint(ctx, tx, levelCheck, levelReference)
	}},
	&goose.GoFunc{Mode: goose.TransactionEnabled, RunTx: func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM regions WHERE level = 'province'`); err != nil {
			return err
		}
		if err := swapLevelConstraint(ctx, tx, levelReference, levelCheck); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DROP TABLE levels`)
		return err
	}})

// swapLevelConstraint replaces from with to in the regions table's schema
// text, then checks every region against the new constraint.
func swapLevelConstraint(ctx context.Context, tx *sql.Tx, from, to string) error {
	var version int64
	if err := tx.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&version); err != nil {
		return err
	}
	steps := []string{
		`PRAGMA writable_schema = ON`,
		`UPDATE sqlite_schema SET sql = replace(sql, '` + strings.ReplaceAll(from, "'", "''") + `', '` + strings.ReplaceAll(to, "'", "''") + `')
		 WHERE type = 'table' AND name = 'regions' AND instr(sql, '` + strings.ReplaceAll(from, "'", "''") + `') > 0`,
		fmt.Sprintf(`PRAGMA schema_version = %d`, version+1),
		`PRAGMA writable_schema = OFF`,
	}
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("regions' level constraint: %w", err)
		}
	}
	var schema string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'regions'`).Scan(&schema); err != nil {
		return err
	}
	if !strings.Contains(schema, to) {
		return fmt.Errorf("regions' level constraint: the schema does not hold %q", to)
	}
	var bad string
	switch err := tx.QueryRowContext(ctx, `SELECT code FROM regions WHERE level NOT IN (SELECT name FROM levels) LIMIT 1`).Scan(&bad); err {
	case sql.ErrNoRows:
		return nil
	case nil:
		return fmt.Errorf("regions' level constraint: region %s has a level the levels table lacks", bad)
	default:
		return err
	}
}
