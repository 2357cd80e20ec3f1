package roundsql

// The SQL of the rounds, the same in PostgreSQL and SQLite: parameters as
// $n, RETURNING for the new id, ON CONFLICT for the first submission of a
// region (which a concurrent first write turns into no row inserted).
const (
	roundColumns   = `id, period, indicators, level, deadline, reviewers, status, created_by, created_at, published_by, published_at`
	insertRoundSQL = `
INSERT INTO rounds (period, indicators, level, deadline, reviewers, status, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`
	listRoundsSQL   = `SELECT ` + roundColumns + ` FROM rounds ORDER BY id DESC`
	getRoundSQL     = `SELECT ` + roundColumns + ` FROM rounds WHERE id = $1`
	roundExistsSQL  = `SELECT id FROM rounds WHERE id = $1`
	publishRoundSQL = `UPDATE rounds SET status = 'published', published_by = $2, published_at = $3 WHERE id = $1`

	submissionColumns = `round, region, status, comment, batch, updated_by, updated_at`
	submissionsSQL    = `SELECT ` + submissionColumns + ` FROM round_submissions WHERE round = $1 ORDER BY region`
	submissionSQL     = `SELECT ` + submissionColumns + ` FROM round_submissions WHERE round = $1 AND region = $2`
	statusSQL         = `SELECT status FROM round_submissions WHERE round = $1 AND region = $2`
	// A submission keeps the batch of its approval once set.
	insertSubmissionSQL = `
INSERT INTO round_submissions (round, region, status, comment, batch, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (round, region) DO NOTHING`
	updateSubmissionSQL = `
UPDATE round_submissions SET status = $3, comment = $4, batch = COALESCE($5, batch), updated_by = $6, updated_at = $7
WHERE round = $1 AND region = $2 AND status = $8`

	valuesSQL = `
SELECT region, indicator, value, reason FROM round_values WHERE round = $1 ORDER BY region, indicator`
	deleteValuesSQL = `DELETE FROM round_values WHERE round = $1 AND region = $2`
	insertValueSQL  = `
INSERT INTO round_values (round, region, indicator, value, reason) VALUES ($1, $2, $3, $4, $5)`

	insertEventSQL = `
INSERT INTO round_events (round, region, status, comment, by_user, at) VALUES ($1, $2, $3, $4, $5, $6)`
	eventsSQL = `
SELECT status, comment, by_user, at FROM round_events WHERE round = $1 AND region = $2 ORDER BY id`
)
