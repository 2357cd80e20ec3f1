package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// batchItem is a batch as the API shows it. The user is the one the audit
// log names for its import or undo (empty for the command line and the
// seeding).
type batchItem struct {
	ID     int64          `json:"id"`
	Kind   string         `json:"kind"`
	Source string         `json:"source"`
	Rows   int            `json:"rows"`
	At     time.Time      `json:"at"`
	User   string         `json:"user"`
	Counts map[string]int `json:"counts"`
	// Undoable is false for a batch written before history was kept.
	Undoable bool  `json:"undoable"`
	Undoes   int64 `json:"undoes,omitempty"`
	UndoneBy int64 `json:"undone_by,omitempty"`
}

func newBatchItem(b atlas.BatchInfo) batchItem {
	return batchItem{ID: b.ID, Kind: b.Kind, Source: b.Source, Rows: b.Rows, At: b.At, User: b.User,
		Counts: b.Counts, Undoable: b.History, Undoes: b.Undoes, UndoneBy: b.UndoneBy}
}

// GET /api/v1/batches?kind=&limit=&before=: newest first; page with
// before = the last id seen.
func (api *API) listBatches(c echo.Context) error {
	limit, before, err := pageParams(c)
	if err != nil {
		return err
	}
	bs, err := api.atlas.Batches(c.Request().Context(), c.QueryParam("kind"), limit, before)
	if err != nil {
		return err
	}
	items := make([]batchItem, len(bs))
	for i, b := range bs {
		items[i] = newBatchItem(b)
	}
	return web.SendJSON(c, list[batchItem]{Items: items})
}

// GET /api/v1/batches/{id}
func (api *API) getBatch(c echo.Context) error {
	id, err := batchID(c)
	if err != nil {
		return err
	}
	b, err := api.atlas.Batch(c.Request().Context(), id)
	if err != nil {
		return batchErr(err, c.Param("id"))
	}
	return web.SendJSON(c, newBatchItem(b))
}

// POST /api/v1/batches/{id}/undo: 201 with the new batch; 403 for a
// batch with rows outside the caller's region, 404, or 409 naming the
// later batch in the way.
func (api *API) undoBatch(c echo.Context) error {
	id, err := batchID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	b, err := api.atlas.Undo(ctx, id, atlas.Writer{User: who(c).name(), Region: who(c).Region})
	if err != nil {
		return batchErr(err, c.Param("id"))
	}
	// The detail ends "batch N rows M" like an import's, which is how
	// the history finds who wrote a batch.
	api.audit(c, who(c).name(), "undo", fmt.Sprintf("of batch %d: batch %d rows %d", id, b.ID, b.Rows))
	info, err := api.atlas.Batch(ctx, b.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newBatchItem(info))
}

func batchID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, &web.NotFoundError{What: "batch", Code: c.Param("id")}
	}
	return id, nil
}

func batchErr(err error, id string) error {
	if errors.Is(err, store.ErrNoBatch) {
		return &web.NotFoundError{What: "batch", Code: id}
	}
	return err
}

// valueChangeItem is one change to a value: the batch that made it, who
// and when, the value it left and the one before (null where none).
type valueChangeItem struct {
	Indicator     string    `json:"indicator"`
	Period        int       `json:"period"`
	Batch         int64     `json:"batch"`
	Kind          string    `json:"kind"`
	Source        string    `json:"source"`
	User          string    `json:"user"`
	At            time.Time `json:"at"`
	Value         *float64  `json:"value"`
	Previous      *float64  `json:"previous"`
	PreviousBatch int64     `json:"previous_batch,omitempty"`
}

// GET /api/v1/regions/{code}/history?indicator=: every change to the
// region's values, by indicator, period and batch.
func (api *API) regionHistory(c echo.Context) error {
	s := api.snap(c)
	r, ok := s.Region(c.Param("code"))
	if !ok {
		return &web.NotFoundError{What: "region", Code: c.Param("code")}
	}
	ind, err := indicatorParam(c, s, false)
	if err != nil {
		return err
	}
	code := ""
	if ind != nil {
		code = ind.ID
	}
	cs, err := api.atlas.RegionHistory(c.Request().Context(), r.Code, code)
	if err != nil {
		return err
	}
	items := make([]valueChangeItem, len(cs))
	for i, v := range cs {
		items[i] = valueChangeItem{Indicator: v.Indicator, Period: v.Period, Batch: v.Batch.ID, Kind: v.Batch.Kind,
			Source: v.Batch.Source, User: v.User, At: v.Batch.At, Value: v.Value, Previous: v.Previous,
			PreviousBatch: v.PreviousBatch}
	}
	return web.SendJSON(c, list[valueChangeItem]{Items: items})
}

// pageParams reads ?limit= (1–1000, default 100) and ?before= (an id).
func pageParams(c echo.Context) (limit int, before int64, err error) {
	limit = 100
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return 0, 0, web.BadParam("limit", "%q is not a whole number from 1 to 1000", v)
		}
		limit = n
	}
	if v := c.QueryParam("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return 0, 0, web.BadParam("before", "%q is not an id", v)
		}
		before = n
	}
	return limit, before, nil
}
