package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// roundRoutes: the yearly round. Admins open and publish rounds; data
// managers fill in and submit their regions' values; reviewers (data
// managers named in the round or limited to a county named there, see
// atlas.canReviewRound) approve or return them.
func (api *API) roundRoutes() []route {
	get, post, put := http.MethodGet, http.MethodPost, http.MethodPut
	return []route{
		{post, "/api/v1/rounds", admin, api.openRound, false},
		{get, "/api/v1/rounds", dataManager, api.listRounds, false},
		{get, "/api/v1/rounds/:id", dataManager, api.getRound, false},
		{post, "/api/v1/rounds/:id/publish", admin, api.publishRound, false},
		{get, "/api/v1/rounds/:id/values", dataManager, api.getRoundValues, false},
		{put, "/api/v1/rounds/:id/values", dataManager, api.putRoundValues, false},
		{post, "/api/v1/rounds/:id/submit", dataManager, api.submitRound, false},
		{post, "/api/v1/rounds/:id/review", dataManager, api.reviewRound, false},
		{get, "/api/v1/rounds/:id/progress", dataManager, api.roundProgress, false},
		{get, "/api/v1/rounds/:id/template", dataManager, api.getRoundTemplate, false},
		{post, "/api/v1/rounds/:id/template", dataManager, api.putRoundTemplate, false},
	}
}

// roundItem is a round as the API shows it.
type roundItem struct {
	ID          int64      `json:"id"`
	Period      int        `json:"period"`
	Indicators  []string   `json:"indicators"`
	Level       string     `json:"level"`
	Deadline    string     `json:"deadline"`
	Reviewers   []string   `json:"reviewers"`
	Status      string     `json:"status"`
	CreatedBy   string     `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedBy string     `json:"published_by,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	// CanReview: the caller reviews this round.
	CanReview bool `json:"can_review"`
}

func (api *API) roundItem(c echo.Context, r store.Round) roundItem {
	return roundItem{ID: r.ID, Period: r.Period, Indicators: r.Indicators, Level: r.Level, Deadline: r.Deadline,
		Reviewers: r.Reviewers, Status: r.Status, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt,
		PublishedBy: r.PublishedBy, PublishedAt: r.PublishedAt, CanReview: atlas.CanReview(api.atlas.Snapshot(), r, actor(c))}
}

// roundBody is the body of POST /api/v1/rounds.
type roundBody struct {
	Period     int      `json:"period"`
	Indicators []string `json:"indicators"`
	Level      string   `json:"level"`
	Deadline   string   `json:"deadline"`
	Reviewers  []string `json:"reviewers"`
}

// validate checks a new round against the catalogue and the regions: a
// known, reported (not computed) indicator observed at the round's level,
// a date, reviewers that are users or county codes (checked by the
// caller for users).
func (b roundBody) validate(s *analytics.Snapshot) error {
	if b.Period < 1900 || b.Period > 2200 {
		return web.BadParam("period", "%d is not a year", b.Period)
	}
	if b.Level != string(analytics.Community) && b.Level != string(analytics.Township) {
		return web.BadParam("level", "%q is not community or township", b.Level)
	}
	if _, err := time.Parse(time.DateOnly, b.Deadline); err != nil {
		return web.BadParam("deadline", "%q is not a date YYYY-MM-DD", b.Deadline)
	}
	if len(b.Indicators) == 0 {
		return web.BadParam("indicators", "name at least one indicator")
	}
	for i, id := range b.Indicators {
		ind, ok := s.Catalogue.Indicator(id)
		switch {
		case !ok:
			return web.BadParam("indicators", "%q is not an indicator of the catalogue", id)
		case string(ind.DataLevel) != b.Level:
			return web.BadParam("indicators", "%s is observed at %s level, not %s", id, ind.DataLevel, analytics.Level(b.Level))
		case slices.Contains(b.Indicators[:i], id):
			return web.BadParam("indicators", "%s is named twice", id)
		}
	}
	if len(b.Reviewers) == 0 {
		return web.BadParam("reviewers", "name at least one reviewer (a username or a county code)")
	}
	return nil
}

// POST /api/v1/rounds: 201 with the new round.
func (api *API) openRound(c echo.Context) error {
	var b roundBody
	if err := readBody(c, &b); err != nil {
		return err
	}
	s := api.atlas.Snapshot()
	if err := b.validate(s); err != nil {
		return err
	}
	ctx := c.Request().Context()
	for _, rv := range b.Reviewers {
		if r, ok := s.Region(rv); ok && r.Level == analytics.County {
			continue
		}
		if _, err := api.atlas.UserByName(ctx, rv); err != nil {
			return web.BadParam("reviewers", "%q is neither a county code nor a user", rv)
		}
	}
	r, err := api.atlas.OpenRound(ctx, store.Round{Period: b.Period, Indicators: b.Indicators, Level: b.Level,
		Deadline: b.Deadline, Reviewers: b.Reviewers, CreatedBy: who(c).name(), CreatedAt: api.now()})
	if err != nil {
		return err
	}
	api.audit(c, who(c).name(), "round", fmt.Sprintf("opened round %d for %d", r.ID, r.Period))
	return c.JSON(http.StatusCreated, api.roundItem(c, r))
}

// GET /api/v1/rounds: newest first.
func (api *API) listRounds(c echo.Context) error {
	rs, err := api.atlas.Rounds(c.Request().Context())
	if err != nil {
		return err
	}
	items := make([]roundItem, len(rs))
	for i, r := range rs {
		items[i] = api.roundItem(c, r)
	}
	return web.SendJSON(c, list[roundItem]{Items: items})
}

// GET /api/v1/rounds/{id}
func (api *API) getRound(c echo.Context) error {
	r, err := api.round(c)
	if err != nil {
		return err
	}
	return web.SendJSON(c, api.roundItem(c, r))
}

// POST /api/v1/rounds/{id}/publish
func (api *API) publishRound(c echo.Context) error {
	id, err := roundID(c)
	if err != nil {
		return err
	}
	r, err := api.atlas.PublishRound(c.Request().Context(), id, actor(c), api.now())
	if err != nil {
		return roundErr(err, c)
	}
	api.audit(c, who(c).name(), "round", fmt.Sprintf("published round %d", id))
	return web.SendJSON(c, api.roundItem(c, r))
}

// GET /api/v1/rounds/{id}/values?region=: the rows of the reporting
// regions inside the caller's region (or inside region, narrower), with
// last year's values and the flags.
func (api *API) getRoundValues(c echo.Context) error {
	id, err := roundID(c)
	if err != nil {
		return err
	}
	within, err := api.within(c)
	if err != nil {
		return err
	}
	sh, err := api.atlas.Sheet(c.Request().Context(), id, within)
	if err != nil {
		return roundErr(err, c)
	}
	sh.Say(msg.Of(c.Request()))
	return web.SendJSON(c, sh)
}

// within is the ?region= a caller narrows a sheet to: inside their own
// region; their own region when absent.
func (api *API) within(c echo.Context) (string, error) {
	own := who(c).Region
	code := c.QueryParam("region")
	if code == "" {
		return own, nil
	}
	s := api.atlas.Snapshot()
	if _, ok := s.Region(code); !ok {
		return "", &web.NotFoundError{What: "region", Code: code}
	}
	if own != "" && !s.Within(code, own) {
		return "", atlas.Forbidden(fmt.Sprintf("your account is limited to region %s; region %s lies outside it", own, code))
	}
	return code, nil
}

// draftRow is one region's values in PUT …/values: every value the region
// has (a cell left out or null is cleared), and reasons by indicator.
type draftRow struct {
	Region  string              `json:"region"`
	Values  map[string]*float64 `json:"values"`
	Reasons map[string]string   `json:"reasons"`
}

// maxDraftBody bounds PUT …/values: 2,005 communities × 25 values with
// reasons take about 4 MB.
const maxDraftBody = 16 << 20

// maxReasonRunes: a reason is one line.
const maxReasonRunes = 200

// PUT /api/v1/rounds/{id}/values with {"rows": [draftRow…]}: saves the
// regions' drafts (all or none); 200 with the count.
func (api *API) putRoundValues(c echo.Context) error {
	id, err := roundID(c)
	if err != nil {
		return err
	}
	var b struct {
		Rows []draftRow `json:"rows"`
	}
	if err := readBodyMax(c, &b, maxDraftBody); err != nil {
		return err
	}
	rows, err := draftValues(b.Rows)
	if err != nil {
		return err
	}
	if err := api.atlas.SaveDraft(c.Request().Context(), id, rows, actor(c), api.now()); err != nil {
		return roundErr(err, c)
	}
	api.audit(c, who(c).name(), "round", fmt.Sprintf("saved %d drafts of round %d", len(rows), id))
	return web.SendJSON(c, map[string]int{"saved": len(rows)})
}

// draftValues turns the rows of a draft into the values of each region.
func draftValues(in []draftRow) (map[string][]store.RoundValue, error) {
	rows := map[string][]store.RoundValue{}
	for i, r := range in {
		if r.Region == "" {
			return nil, web.BadParam("rows", "row %d has no region", i+1)
		}
		if _, dup := rows[r.Region]; dup {
			return nil, web.BadParam("rows", "region %s is given twice", r.Region)
		}
		vs := []store.RoundValue{}
		for ind, v := range r.Values {
			if v == nil {
				continue
			}
			reason := r.Reasons[ind]
			if len([]rune(reason)) > maxReasonRunes || containsNewline(reason) {
				return nil, web.BadParam("rows", "the reason for %s of region %s must be one line of at most %d characters", ind, r.Region, maxReasonRunes)
			}
			vs = append(vs, store.RoundValue{Region: r.Region, Indicator: ind, Value: *v, Reason: reason})
		}
		slices.SortFunc(vs, func(a, b store.RoundValue) int { return compareStrings(a.Indicator, b.Indicator) })
		rows[r.Region] = vs
	}
	return rows, nil
}

func containsNewline(s string) bool {
	return slices.Contains([]rune(s), '\n') || slices.Contains([]rune(s), '\r')
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// POST /api/v1/rounds/{id}/submit with {"regions": […]} (every draft or
// returned region of the caller when empty): 200 with the regions
// submitted, or 422 listing every cell in the way (region, indicator, why).
func (api *API) submitRound(c echo.Context) error {
	id, err := roundID(c)
	if err != nil {
		return err
	}
	var b struct {
		Regions []string `json:"regions"`
	}
	if err := readBody(c, &b); err != nil {
		return err
	}
	done, err := api.atlas.Submit(c.Request().Context(), id, b.Regions, actor(c), api.now())
	if err != nil {
		return roundErr(err, c)
	}
	api.audit(c, who(c).name(), "round", fmt.Sprintf("submitted %d regions of round %d", len(done), id))
	return web.SendJSON(c, map[string][]string{"submitted": done})
}

// POST /api/v1/rounds/{id}/review with {"region", "action": approve|return,
// "comment"}: every submitted region inside region (a township, or one
// community) approved — written as one observation batch — or returned
// with the comment, which a return needs.
func (api *API) reviewRound(c echo.Context) error {
	id, err := roundID(c)
	if err != nil {
		return err
	}
	var b struct {
		Region  string `json:"region"`
		Action  string `json:"action"`
		Comment string `json:"comment"`
	}
	if err := readBody(c, &b); err != nil {
		return err
	}
	switch {
	case b.Action != "approve" && b.Action != "return":
		return web.BadParam("action", "%q is not approve or return", b.Action)
	case b.Action == "return" && b.Comment == "":
		return web.BadParam("comment", "say why the submission is returned")
	case len([]rune(b.Comment)) > maxNoteRunes:
		return web.BadParam("comment", "at most %d characters", maxNoteRunes)
	}
	done, batch, err := api.atlas.Review(c.Request().Context(), id, b.Region, b.Action == "approve", b.Comment, actor(c), api.now())
	if err != nil {
		return roundErr(err, c)
	}
	detail := fmt.Sprintf("%s %d regions of round %d inside %s", b.Action, len(done), id, b.Region)
	if batch != 0 {
		// Ends "batch N rows M", as an import's, which is how the history
		// finds who wrote a batch.
		detail += fmt.Sprintf(": batch %d rows %d", batch, api.batchRows(c, batch))
	}
	api.audit(c, who(c).name(), "round", detail)
	return web.SendJSON(c, map[string]any{"regions": done, "batch": batch})
}

func (api *API) batchRows(c echo.Context, id int64) int {
	b, err := api.atlas.Batch(c.Request().Context(), id)
	if err != nil {
		return 0
	}
	return b.Rows
}

// GET /api/v1/rounds/{id}/progress: per county and township inside the
// caller's region, values filled of those expected and the status, the
// overdue ones first once the deadline has passed.
func (api *API) roundProgress(c echo.Context) error {
	id, err := roundID(c)
	if err != nil {
		return err
	}
	sh, err := api.atlas.Sheet(c.Request().Context(), id, who(c).Region)
	if err != nil {
		return roundErr(err, c)
	}
	s := api.atlas.Snapshot()
	names := func(code string) string {
		if r, ok := s.Region(code); ok {
			return r.Name
		}
		return code
	}
	return web.SendJSON(c, list[atlas.Progress]{Items: atlas.RoundProgress(sh, names, api.now().Format(time.DateOnly))})
}

// round reads the round named by the path.
func (api *API) round(c echo.Context) (store.Round, error) {
	id, err := roundID(c)
	if err != nil {
		return store.Round{}, err
	}
	r, err := api.atlas.Round(c.Request().Context(), id)
	if err != nil {
		return store.Round{}, roundErr(err, c)
	}
	return r, nil
}

func roundID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, &web.NotFoundError{What: "round", Code: c.Param("id")}
	}
	return id, nil
}

func roundErr(err error, c echo.Context) error {
	if errors.Is(err, store.ErrNoRound) {
		return &web.NotFoundError{What: "round", Code: c.Param("id")}
	}
	return err
}
