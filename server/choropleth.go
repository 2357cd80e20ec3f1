package server

import (
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/classify"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// targetMethod colours regions by their own verdict instead of by value.
const targetMethod = "target"

// nearPoints is how far below target still counts as "within reach": 5
// percentage points for percentages, 5% of the target for other units.
const nearPoints = 5.0

// defaultClasses is the number of classes when ?classes= is not given.
const defaultClasses = 5

type legendEntry struct {
	Class   int      `json:"class"`
	Label   string   `json:"label"`
	LabelZH string   `json:"label_zh,omitempty"`
	From    *float64 `json:"from"`
	To      *float64 `json:"to"`
	Colour  string   `json:"colour"`
	Count   int      `json:"count"`
}

type choroplethItem struct {
	Code     string             `json:"code"`
	Name     string             `json:"name"`
	UnitType analytics.UnitType `json:"unit_type,omitempty"` // townships only, as in /regions
	Value    *float64           `json:"value"`
	Class    int                `json:"class"`
	Colour   string             `json:"colour"`
	Target   *float64           `json:"target"`
	Meets    *bool              `json:"meets"`
	Gap      *float64           `json:"gap"`
	// The verdicts as in /observations (compare.Judgement).
	Verdict   string        `json:"verdict"`
	NotJudged string        `json:"not_judged,omitempty"`
	Split     bool          `json:"split"`
	Urban     *compare.Part `json:"urban"`
	Rural     *compare.Part `json:"rural"`
	// Provisional: the value rests on one submitted in an open round and
	// not yet approved (?values=provisional); so does its verdict.
	Provisional bool `json:"provisional,omitempty"`
}

type choropleth struct {
	Indicator string           `json:"indicator"`
	Level     analytics.Level  `json:"level"`
	Period    int              `json:"period"`
	Method    string           `json:"method"`
	Classes   int              `json:"classes"`
	Palette   string           `json:"palette,omitempty"`
	Unit      string           `json:"unit"`
	Breaks    []float64        `json:"breaks"`
	Legend    []legendEntry    `json:"legend"`
	NoData    legendEntry      `json:"no_data"`
	Items     []choroplethItem `json:"items"`
	// Values is published, or provisional when submitted values stand in
	// for published ones; Provisional counts the regions where they do.
	Values      string `json:"values"`
	Provisional int    `json:"provisional"`
}

// choroplethQuery is the parsed request.
type choroplethQuery struct {
	ind     *analytics.Indicator
	level   analytics.Level
	period  int
	method  string
	classes int
	palette string
	manual  []float64
	regions []*analytics.Region
}

// GET /api/v1/choropleth?indicator=&level=&period=&method=&classes=&palette=&parent=&breaks=&values=
func (api *API) getChoropleth(c echo.Context) error {
	s := api.snap(c)
	q, err := parseChoropleth(c, s)
	if err != nil {
		return err
	}
	if s.HasSubmitted() {
		// Submissions change without a new batch: never cached.
		res, err := buildChoropleth(s, q)
		if err != nil {
			return err
		}
		return web.SendJSON(c, res)
	}
	return api.cachedBody(c, s, echo.MIMEApplicationJSON, func() ([]byte, error) {
		res, err := buildChoropleth(s, q)
		if err != nil {
			return nil, err
		}
		return marshalJSON(res)
	})
}

func parseChoropleth(c echo.Context, s *analytics.Snapshot) (*choroplethQuery, error) {
	q := &choroplethQuery{method: c.QueryParam("method"), palette: c.QueryParam("palette")}
	var err error
	if q.ind, err = indicatorParam(c, s, true); err != nil {
		return nil, err
	}
	if q.level, err = levelParam(c, s.DefaultLevel()); err != nil {
		return nil, err
	}
	if q.period, err = web.PeriodParam(c, s); err != nil {
		return nil, err
	}
	if q.regions, err = regionsUnder(c, s, q.level); err != nil {
		return nil, err
	}
	if q.method == "" {
		q.method = string(classify.Quantile)
	}
	if q.method == targetMethod {
		return q, nil
	}
	if !isMethod(q.method) {
		return nil, web.BadParam("method", "%q is not one of equal, quantile, jenks, pretty, stddev, manual, target", q.method)
	}
	if q.classes, err = classesParam(c); err != nil {
		return nil, err
	}
	if q.palette == "" {
		q.palette = classify.DefaultPalette
	}
	if _, err := classify.Colours(q.palette, classify.MinClasses); err != nil {
		return nil, web.BadParam("palette", "%q is not a ColorBrewer palette here (sequential: %s; diverging: %s)",
			q.palette, strings.Join(classify.PaletteNames(false), ", "), strings.Join(classify.PaletteNames(true), ", "))
	}
	if classify.Method(q.method) == classify.Manual {
		if q.manual, err = breaksParam(c.QueryParam("breaks")); err != nil {
			return nil, err
		}
	}
	return q, nil
}

func isMethod(m string) bool {
	for _, x := range classify.Methods {
		if string(x) == m {
			return true
		}
	}
	return false
}

func classesParam(c echo.Context) (int, error) {
	v := c.QueryParam("classes")
	if v == "" {
		return defaultClasses, nil
	}
	k, err := strconv.Atoi(v)
	if err != nil || k < classify.MinClasses || k > classify.MaxClasses {
		return 0, web.BadParam("classes", "%q is not a whole number from %d to %d", v, classify.MinClasses, classify.MaxClasses)
	}
	return k, nil
}

// breaksParam reads manual breaks: rising numbers separated by commas.
func breaksParam(v string) ([]float64, error) {
	if v == "" {
		return nil, web.BadParam("breaks", "method manual needs breaks, e.g. breaks=0,50,80,100")
	}
	parts := strings.Split(v, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, web.BadParam("breaks", "%q is not a number", p)
		}
		out[i] = f
	}
	if _, err := classify.Breaks(classify.Manual, nil, 0, out); err != nil {
		return nil, web.BadParam("breaks", "%v", err)
	}
	return out, nil
}
