package store

import (
	"context"
	"encoding/json"

	"github.com/community-atlas/atlas/analytics"
)

// ObservationSource produces the observations of a streamed batch: it calls
// put for each, in order, and returns nil when all were given. An error it
// returns (its own, or one put returned) rolls the whole batch back. put
// keeps nothing of the observation once it returns but what it writes, so a
// source may reuse its buffers.
type ObservationSource func(put func(analytics.Observation) error) error

// ObservationStreamer is a store that writes observations as they are
// produced, without holding them as records: an import of millions of rows
// then needs memory for a buffer (PostgreSQL) or a compact row per value
// (SQLite, 24 bytes, to write them in key order), not for the records.
type ObservationStreamer interface {
	// StreamObservations writes what src puts as one batch of the given
	// kind and source, in one transaction, with the same result as Apply
	// of a Changeset holding those observations in that order (the last of
	// a repeated key wins; the batch counts every row put). If src or a
	// write fails, or ctx ends, nothing is written.
	StreamObservations(ctx context.Context, info BatchInfo, src ObservationSource) (analytics.Batch, error)
}

// BatchInfo is what a streamed batch records beside its rows.
type BatchInfo struct {
	Kind, Source, User string
	// Report, when set, gives the batch's report once the source has put
	// every row (a streamed file's report counts them).
	Report func(rows int) json.RawMessage
}

// ReportOf is info's report for a batch of rows, nil when it has none.
func (info BatchInfo) ReportOf(rows int) json.RawMessage {
	if info.Report == nil {
		return nil
	}
	return info.Report(rows)
}
