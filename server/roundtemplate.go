package server

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/roundcheck"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/roundbook"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// The round's template workbook (see package roundbook): downloaded with
// the caller's regions as they stand, uploaded back filled in, and saved
// as drafts just as PUT …/values saves them.

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// GET /api/v1/rounds/{id}/template: the template of the reporting regions
// inside the caller's region, in the request's language.
func (api *API) getRoundTemplate(c echo.Context) error {
	b, err := api.roundBook(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := roundbook.Write(&buf, b, msg.Of(c.Request())); err != nil {
		return fmt.Errorf("round %d template: %w", b.Round, err)
	}
	attachment(c, fmt.Sprintf("round-%d-%d.xlsx", b.Round, b.Period))
	return c.Blob(http.StatusOK, xlsxType, buf.Bytes())
}

// POST /api/v1/rounds/{id}/template with the filled-in template in the
// multipart field "file": saves the rows that changed as drafts (all or
// none), and answers how many with the cells that would still keep a
// submission back, placed by sheet, row and column. A cell that cannot be
// read is 422 with every such cell, and nothing is saved.
func (api *API) putRoundTemplate(c echo.Context) error {
	name, data, err := readUpload(c)
	if err != nil {
		return err
	}
	b, err := api.roundBook(c)
	if err != nil {
		return err
	}
	res, err := roundbook.Read(name, data, b)
	if err != nil {
		return err
	}
	rows := filledValues(res.Changed)
	if len(rows) > 0 {
		if err := api.atlas.SaveDraft(c.Request().Context(), b.Round, rows, actor(c), api.now()); err != nil {
			return roundErr(err, c)
		}
		api.audit(c, who(c).name(), "round", fmt.Sprintf("saved %d drafts of round %d from %s", len(rows), b.Round, name))
	}
	after, err := api.roundBook(c)
	if err != nil {
		return err
	}
	cells := localCells(roundbook.Check(after, res), msg.Of(c.Request()))
	return web.SendJSON(c, map[string]any{"saved": len(rows), "cells": cells})
}

// filledValues are the rows of an upload as the drafts' values.
func filledValues(in []roundbook.Filled) map[string][]store.RoundValue {
	rows := map[string][]store.RoundValue{}
	for _, f := range in {
		vs := []store.RoundValue{}
		for ind, v := range f.Values {
			vs = append(vs, store.RoundValue{Region: f.Region, Indicator: ind, Value: v, Reason: f.Reasons[ind]})
		}
		slices.SortFunc(vs, func(a, b store.RoundValue) int { return compareStrings(a.Indicator, b.Indicator) })
		rows[f.Region] = vs
	}
	return rows
}

// roundBook is the round of the path as the caller's template shows it.
func (api *API) roundBook(c echo.Context) (*roundbook.Book, error) {
	id, err := roundID(c)
	if err != nil {
		return nil, err
	}
	sh, err := api.atlas.Sheet(c.Request().Context(), id, who(c).Region)
	if err != nil {
		return nil, roundErr(err, c)
	}
	return bookOf(api.atlas.Snapshot(), sh), nil
}

// bookOf turns a sheet into a template's book; every row is locked once
// the round is published.
func bookOf(s *analytics.Snapshot, sh *atlas.Sheet) *roundbook.Book {
	r := sh.Round
	b := &roundbook.Book{Round: r.ID, Period: r.Period, Level: analytics.Level(r.Level), Deadline: r.Deadline,
		Factor: roundcheck.Factor, Medians: sh.Medians}
	for _, id := range r.Indicators {
		if ind, ok := s.Catalogue.Indicator(id); ok {
			b.Indicators = append(b.Indicators, ind)
		}
	}
	for _, row := range sh.Rows {
		br := roundbook.Row{Region: row.Region, Name: row.Name, Township: row.TownshipName, Status: row.Status,
			Locked: r.Status != store.RoundOpen || row.Status == store.Submitted || row.Status == store.Approved,
			Values: map[string]float64{}, Reasons: map[string]string{}, Last: map[string]float64{}}
		for ind, cell := range row.Cells {
			if cell.Value != nil {
				br.Values[ind] = *cell.Value
			}
			if cell.Reason != "" {
				br.Reasons[ind] = cell.Reason
			}
			if cell.Last != nil {
				br.Last[ind] = *cell.Last
			}
		}
		b.Rows = append(b.Rows, br)
	}
	return b
}

// localCells are template problems as the API lists cells, said in l.
func localCells(ps []roundbook.Problem, l msg.Lang) []atlas.CellProblem {
	out := make([]atlas.CellProblem, len(ps))
	for i, p := range ps {
		out[i] = atlas.CellProblem{Sheet: p.Sheet, Row: p.Row, Column: p.Column, Region: p.Region, Indicator: p.Indicator, Why: p.Why.In(l)}
	}
	return out
}
