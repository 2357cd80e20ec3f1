package atlas

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
)

// SkipReloads makes imports write their batch without rebuilding the
// snapshot afterwards, for a process that exits once the import is written
// (the CLI): the rebuild would load every observation of the atlas only to
// discard it.
func (a *Atlas) SkipReloads() { a.skipReloads.Store(true) }

// reloadAfterImport rebuilds the snapshot after a batch, unless SkipReloads.
func (a *Atlas) reloadAfterImport(ctx context.Context) error {
	if a.skipReloads.Load() {
		return nil
	}
	return a.Reload(ctx)
}

// ImportFile imports the file at path as ImportWith does, for a writer
// without a region limit (the CLI). A long observation CSV is streamed from
// the disk when the store can stream, never held whole in memory; an OSM
// extract is read from the disk in its two passes, and a GeoJSON boundary
// file decoded a feature at a time; other files are read whole (an
// observation workbook is then streamed from memory: its values are never
// all held as records).
func (a *Atlas) ImportFile(ctx context.Context, kind, path string, opts importer.Options) (*ImportResult, error) {
	if kind == importer.OSM {
		return a.importOSMFile(ctx, path, opts)
	}
	if _, streams := a.store.(store.ObservationStreamer); kind == importer.Observations && streams && !opts.DryRun {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		head := make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		if importer.CanonicalCSV(head[:n]) {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
			a.writes.Lock()
			defer a.writes.Unlock()
			file, whole := filepath.Base(path), a.Snapshot()
			read := func(put func(analytics.Observation) error) (*importer.Report, error) {
				return nil, importer.StreamObservations(file, f, a.catalogue, whole, put)
			}
			res, _, err := a.streamObservations(ctx, kind, file, read, whole, Writer{})
			return res, err
		}
	}
	if kind == importer.Boundaries {
		if res, ok, err := a.streamBoundaries(ctx, path, opts); ok {
			return res, err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return a.ImportWith(ctx, kind, filepath.Base(path), data, Writer{}, opts)
}

// streamBoundaries imports a GeoJSON boundary file decoding a feature at a
// time from the disk (see importer.ReadGeoJSONBoundaries). ok is false when
// the file is not UTF-8 GeoJSON; the caller then reads it whole.
func (a *Atlas) streamBoundaries(ctx context.Context, path string, opts importer.Options) (res *ImportResult, ok bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, true, err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	if !importer.IsGeoJSON(path, head[:n]) {
		return nil, false, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, true, err
	}
	a.writes.Lock()
	defer a.writes.Unlock()
	whole := a.Snapshot()
	res, err = a.importRead(ctx, whole, Writer{}, opts, func() (*store.Changeset, *importer.Report, error) {
		return importer.ReadGeoJSONBoundaries(filepath.Base(path), f, whole, opts)
	})
	if errors.Is(err, importer.ErrNotUTF8) {
		return nil, false, nil
	}
	return res, true, err
}

func (a *Atlas) importOSMFile(ctx context.Context, path string, opts importer.Options) (*ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	a.writes.Lock()
	defer a.writes.Unlock()
	return a.importOSM(ctx, filepath.Base(path), f, st.Size(), a.Snapshot(), Writer{}, opts)
}

// obsSource reads a file's observations, handing each valid one to put,
// and reports what it understood (or nil).
type obsSource func(put func(analytics.Observation) error) (*importer.Report, error)

// streamObservations imports an observation file through the store's
// stream, reading, checking and writing each row in turn inside one
// transaction, so that memory follows the rows' compact keys rather than
// the rows. ok is false when kind is not observations or the store cannot
// stream; the caller then reads the file whole. The caller holds a.writes;
// whole is the whole atlas and w the writer, as in ImportWith.
func (a *Atlas) streamObservations(ctx context.Context, kind, file string, read obsSource,
	whole *analytics.Snapshot, w Writer) (res *ImportResult, ok bool, err error) {
	st, streams := a.store.(store.ObservationStreamer)
	if kind != importer.Observations || !streams {
		return nil, false, nil
	}
	scope := scopeFilter{s: whole, region: w.Region}
	a.log.Info("writing batch", "kind", kind, "source", file, "streamed", true)
	var rep *importer.Report
	info := store.BatchInfo{Kind: kind, Source: file, User: w.User, Report: func(rows int) json.RawMessage {
		// What a dry run of the file reports (importer.ReadObservationsWith).
		if rep == nil {
			rep = &importer.Report{File: file, Format: "csv"}
		}
		rep.Rows = rows
		text, _ := json.Marshal(rep)
		return text
	}}
	batch, err := st.StreamObservations(ctx, info, func(put func(analytics.Observation) error) error {
		var err error
		rep, err = read(func(o analytics.Observation) error {
			if !scope.inside(o) {
				return nil // refused below, after every row was read
			}
			return put(o)
		})
		if err != nil {
			return err
		}
		return scope.err()
	})
	if err != nil {
		return nil, true, err
	}
	a.log.Info("batch written", "batch", batch.ID, "kind", kind, "source", file, "rows", batch.Rows)
	if err := a.reloadAfterImport(ctx); err != nil {
		return nil, true, err
	}
	n := counts(&store.Changeset{})
	n["observations"] = batch.Rows
	done := &ImportResult{Batch: batch, Kind: kind, Source: file, Counts: n, Report: rep}
	return done.published(), true, nil
}

// scopeFilter is checkScope for observations taken one at a time: every
// region an observation file names is already in the atlas, so it is
// inside the writer's region exactly when the atlas says so. It keeps the
// first rows outside, up to the importer's cap on problems.
type scopeFilter struct {
	s       *analytics.Snapshot
	region  string
	outside []msg.Message
	more    bool
}

// inside reports whether o may be written; once one row may not, none may.
func (f *scopeFilter) inside(o analytics.Observation) bool {
	if f.region == "" {
		return true
	}
	if !f.s.Within(o.Region, f.region) {
		if len(f.outside) < maxForbiddenRows {
			f.outside = append(f.outside, observationRow(o))
		} else {
			f.more = true
		}
	}
	return len(f.outside) == 0
}

// maxForbiddenRows caps the rows a streamed import names as outside.
const maxForbiddenRows = 200

func (f *scopeFilter) err() error {
	if len(f.outside) == 0 {
		return nil
	}
	rows := f.outside
	if f.more {
		rows = append(rows, msg.New("…"))
	}
	return &ForbiddenError{Reason: outsideReason, Args: []any{f.region}, Rows: rows}
}
