package server

import (
	"context"

	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// provisionalValues is the ?values= that overlays submitted values.
const provisionalValues = "provisional"

// submitted are the values submitted in an open round and not yet
// approved, by indicator and region, for one period.
type submitted map[[2]string]float64

// provisional reads ?values=: "published" (the default) gives nothing to
// overlay; "provisional" the submitted values of the period's open rounds,
// for analysts and above — viewers (the leaders' role) see only published
// values.
func (api *API) provisional(c echo.Context, period int) (submitted, error) {
	switch c.QueryParam("values") {
	case "", "published":
		return nil, nil
	case provisionalValues:
	default:
		return nil, web.BadParam("values", "%q is not published or provisional", c.QueryParam("values"))
	}
	if !who(c).Role.Allows(auth.Analyst) {
		return nil, atlas.Forbidden("provisional values are for analysts and above; leaders see the published values")
	}
	return submittedValues(c.Request().Context(), api.atlas, period)
}

func submittedValues(ctx context.Context, a *atlas.Atlas, period int) (submitted, error) {
	rounds, err := a.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	out := submitted{}
	for _, r := range rounds {
		if r.Period != period || r.Status != store.RoundOpen {
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
					out[[2]string{ind, row.Region}] = *cell.Value
				}
			}
		}
	}
	return out, nil
}

// overlay puts the submitted values in place of the published ones at the
// reporting regions' own rows, marked provisional and not judged (a
// verdict is given on published values). Roll-ups above the reporting
// level stay published.
func (p submitted) overlay(items []observationItem) []observationItem {
	for i := range items {
		it := &items[i]
		v, ok := p[[2]string{it.Indicator, it.Code}]
		if !ok {
			continue
		}
		it.Value, it.Units, it.Provisional, it.Computed = rounded(v), 1, true, nil
		it.Judgement = compare.Judgement{Verdict: compare.NotJudged}
	}
	return items
}
