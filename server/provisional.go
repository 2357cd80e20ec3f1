package server

import (
	"context"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// provisionalValues is the ?values= that puts submitted values in place of
// the published ones.
const provisionalValues = "provisional"

// valuesSnapshot reads ?values=: "published" (the default) answers from the
// published snapshot s; "provisional", for analysts and above, from s with
// the values submitted in every open round and not yet approved standing in
// (analytics.Snapshot.WithSubmitted), so that maps, scorecards, comparisons
// and exports all show them, judged by the same rules and marked
// provisional. Viewers — the leaders' role — see only published values.
func (api *API) valuesSnapshot(c echo.Context, s *analytics.Snapshot) (*analytics.Snapshot, error) {
	switch c.QueryParam("values") {
	case "", "published":
		return s, nil
	case provisionalValues:
	default:
		return nil, web.BadParam("values", "%q is not published or provisional", c.QueryParam("values"))
	}
	if !who(c).Role.Allows(auth.Analyst) {
		return nil, atlas.Forbidden("provisional values are for analysts and above; leaders see the published values")
	}
	obs, err := submittedValues(c.Request().Context(), api.atlas)
	if err != nil {
		return nil, err
	}
	return s.WithSubmitted(obs), nil
}

// valuesOf names the values a snapshot answers with, as ?values= does.
func valuesOf(s *analytics.Snapshot) string {
	if s.HasSubmitted() {
		return provisionalValues
	}
	return "published"
}

// submittedValues are the values of the submitted rows of every open round.
func submittedValues(ctx context.Context, a *atlas.Atlas) ([]analytics.Observation, error) {
	rounds, err := a.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	var out []analytics.Observation
	for _, r := range rounds {
		if r.Status != store.RoundOpen {
			continue
		}
		sh, err := a.Sheet(ctx, r.ID, "")
		if err != nil {
			return nil, err
		}
		for _, row := range sh.Rows {
			if row.Status != store.Submitted {
				continue
			}
			for ind, cell := range row.Cells {
				if cell.Value != nil {
					out = append(out, analytics.Observation{Indicator: ind, Region: row.Region, Period: r.Period, Value: *cell.Value})
				}
			}
		}
	}
	return out, nil
}
