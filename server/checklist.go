package server

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// Bounds on what a checklist entry holds: evidence is a paragraph or two,
// a link one address, a file a scanned page or a short PDF. A larger file
// belongs in the document system the link points to.
const (
	maxEvidenceRunes = 4000
	maxLinkBytes     = 2000
	maxEvidenceFile  = 5 << 20
	maxNoteRunes     = 1000
)

// checklistRoutes: the catalogue and the regions' reports. Data managers
// write inside their region (atlas.checkScope); reviews follow
// atlas.ReviewChecklist's rule.
func (api *API) checklistRoutes() []route {
	get, post, put := http.MethodGet, http.MethodPost, http.MethodPut
	return []route{
		{get, "/api/v1/checklist", viewer, api.getChecklist, true},
		{get, "/api/v1/regions/:code/checklist", viewer, api.getRegionChecklist, true},
		{put, "/api/v1/regions/:code/checklist/:item", dataManager, api.putChecklistEntry, false},
		{post, "/api/v1/regions/:code/checklist/:item/file", dataManager, api.postChecklistFile, false},
		{get, "/api/v1/regions/:code/checklist/:item/file", viewer, api.getChecklistFile, true},
		{post, "/api/v1/regions/:code/checklist/:item/review", dataManager, api.postChecklistReview, false},
	}
}

// GET /api/v1/checklist: every qualitative requirement with its task,
// level and departments.
func (api *API) getChecklist(c echo.Context) error {
	return web.SendJSON(c, api.snap(c).Catalogue.Checklist)
}

// regionChecklistItem is one item for a region: its own entry when the
// region reports it, else how its units (the townships or communities
// beneath it) stand.
type regionChecklistItem struct {
	*analytics.ChecklistItem
	Entry     *analytics.ChecklistEntry `json:"entry"`
	Tally     compare.ChecklistTally    `json:"tally"`
	CanReview bool                      `json:"can_review"`
}

type regionChecklistAnswer struct {
	Region  string                `json:"region"`
	Level   analytics.Level       `json:"level"`
	Period  int                   `json:"period"`
	CanEdit bool                  `json:"can_edit"` // the caller may report this region's items
	Items   []regionChecklistItem `json:"items"`
}

// GET /api/v1/regions/{code}/checklist?period=: the items the region
// reports or its units do, in catalogue order.
func (api *API) getRegionChecklist(c echo.Context) error {
	s := api.snap(c)
	reg, period, err := pathRegionPeriod(c, s)
	if err != nil {
		return err
	}
	p := who(c)
	ans := regionChecklistAnswer{Region: reg.Code, Level: reg.Level, Period: period, CanEdit: mayWrite(p), Items: []regionChecklistItem{}}
	for i := range s.Catalogue.Checklist.Items {
		it := &s.Catalogue.Checklist.Items[i]
		if it.Level.Depth() < reg.Level.Depth() {
			continue
		}
		ri := regionChecklistItem{ChecklistItem: it, Tally: compare.Tally(s, it.ID, compare.UnitsAt(s, reg, it.Level), period)}
		if e, ok := s.ChecklistEntry(analytics.ChecklistKey{Item: it.ID, Region: reg.Code, Period: period}); ok {
			ri.Entry = e
			ri.CanReview = mayWrite(p) && mayReview(s, e, p)
		}
		ans.Items = append(ans.Items, ri)
	}
	return web.SendJSON(c, ans)
}

// mayWrite: data managers and admins write inside their region, which the
// request's snapshot is limited to already.
func mayWrite(p *principal) bool {
	return p != nil && p.User != nil && p.Role.Allows(auth.DataManager)
}

// mayReview mirrors atlas.ReviewChecklist's rule for the answer's hint.
func mayReview(s *analytics.Snapshot, e *analytics.ChecklistEntry, p *principal) bool {
	return p.name() != e.UpdatedBy && (p.Region == "" || (p.Region != e.Region && s.Within(e.Region, p.Region)))
}

// checklistKey reads the region and item of the path and ?period= against
// the whole atlas (so that a region outside the writer's is refused as
// outside, not as unknown), and checks that the region reports the item.
func (api *API) checklistKey(c echo.Context) (analytics.ChecklistKey, error) {
	s := api.atlas.Snapshot()
	reg, ok := s.Region(c.Param("code"))
	if !ok {
		return analytics.ChecklistKey{}, &web.NotFoundError{What: "region", Code: c.Param("code")}
	}
	it, ok := s.Catalogue.Checklist.Item(c.Param("item"))
	if !ok {
		return analytics.ChecklistKey{}, &web.NotFoundError{What: "checklist item", Code: c.Param("item")}
	}
	if it.Level != reg.Level {
		return analytics.ChecklistKey{}, web.BadParam("item", "item %s is reported by each %s; region %s is a %s", it.ID, it.Level, reg.Code, reg.Level)
	}
	period, err := web.PeriodParam(c, s)
	if err != nil {
		return analytics.ChecklistKey{}, err
	}
	return analytics.ChecklistKey{Item: it.ID, Region: reg.Code, Period: period}, nil
}

func actor(c echo.Context) atlas.Actor {
	return atlas.Actor{Name: who(c).name(), Region: who(c).Region, Admin: who(c).Role == auth.Admin}
}

// checklistBody is the body of PUT …/checklist/{item}.
type checklistBody struct {
	Status     analytics.ChecklistStatus `json:"status"`
	Evidence   string                    `json:"evidence"`
	Link       string                    `json:"link"`
	RemoveFile bool                      `json:"remove_file"`
}

func (b *checklistBody) validate() error {
	switch {
	case !b.Status.Valid():
		return web.BadParam("status", "%q is not not_started, in_progress or done", b.Status)
	case !utf8.ValidString(b.Evidence) || utf8.RuneCountInString(b.Evidence) > maxEvidenceRunes:
		return web.BadParam("evidence", "at most %d characters of text", maxEvidenceRunes)
	}
	return checkLink(b.Link)
}

// checkLink accepts an empty link or an absolute http(s) address, so that
// the app never renders a javascript: or data: address as a link.
func checkLink(link string) error {
	if link == "" {
		return nil
	}
	u, err := url.Parse(link)
	if len(link) > maxLinkBytes || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return web.BadParam("link", "%q is not an http or https address of at most %d bytes", trim(link, 80), maxLinkBytes)
	}
	return nil
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// PUT /api/v1/regions/{code}/checklist/{item}?period= with {status,
// evidence, link, remove_file}: the region's report on the item; the
// review starts again.
func (api *API) putChecklistEntry(c echo.Context) error {
	k, err := api.checklistKey(c)
	if err != nil {
		return err
	}
	var b checklistBody
	if err := readBody(c, &b); err != nil {
		return err
	}
	if err := b.validate(); err != nil {
		return err
	}
	u := atlas.ChecklistUpdate{Status: b.Status, Evidence: b.Evidence, Link: b.Link, RemoveFile: b.RemoveFile}
	e, err := api.atlas.SetChecklist(c.Request().Context(), k, u, actor(c), api.now())
	if err != nil {
		return err
	}
	api.audit(c, who(c).name(), "checklist", fmt.Sprintf("%s %s %d status=%s", k.Item, k.Region, k.Period, e.Status))
	return web.SendJSON(c, e)
}

// POST /api/v1/regions/{code}/checklist/{item}/file?period= with the file
// in the multipart field "file": the entry's evidence file (at most
// maxEvidenceFile bytes), replacing any before it; status and text stay.
func (api *API) postChecklistFile(c echo.Context) error {
	k, err := api.checklistKey(c)
	if err != nil {
		return err
	}
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, maxEvidenceFile+64<<10)
	name, data, err := readUpload(c)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) || strings.Contains(err.Error(), "request body too large") {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge, msg.New("an evidence file is at most %d MiB", maxEvidenceFile>>20))
		}
		return err
	}
	if len(data) > maxEvidenceFile {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, msg.New("an evidence file is at most %d MiB", maxEvidenceFile>>20))
	}
	if len(data) == 0 {
		return web.BadParam("file", "%q is empty", name)
	}
	sum := sha256.Sum256(data)
	f := &analytics.EvidenceFile{Name: trim(name, 200), Type: evidenceType(data), Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Data: data}
	u := atlas.ChecklistUpdate{Status: analytics.NotStarted, File: f}
	if old, ok := api.atlas.Snapshot().ChecklistEntry(k); ok {
		u.Status, u.Evidence, u.Link = old.Status, old.Evidence, old.Link
	}
	e, err := api.atlas.SetChecklist(c.Request().Context(), k, u, actor(c), api.now())
	if err != nil {
		return err
	}
	api.audit(c, who(c).name(), "checklist_file", fmt.Sprintf("%s %s %d %s %d bytes", k.Item, k.Region, k.Period, f.Name, f.Size))
	return web.SendJSON(c, e)
}

// evidenceType is the content type a file is served with: sniffed from
// its bytes (never the uploader's word), and only types a browser shows
// without running anything; everything else downloads as octet-stream.
func evidenceType(data []byte) string {
	t := http.DetectContentType(data)
	for _, ok := range []string{"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain; charset=utf-8"} {
		if t == ok {
			return t
		}
	}
	return "application/octet-stream"
}

// GET /api/v1/regions/{code}/checklist/{item}/file?period=: the evidence
// file, always as an attachment under a sandbox policy, so that even a
// file that looks like a page cannot run in the service's origin.
func (api *API) getChecklistFile(c echo.Context) error {
	s := api.snap(c)
	if _, ok := s.Region(c.Param("code")); !ok {
		return &web.NotFoundError{What: "region", Code: c.Param("code")}
	}
	k, err := api.checklistKey(c)
	if err != nil {
		return err
	}
	f, data, err := api.atlas.ChecklistFile(c.Request().Context(), s, k)
	if errors.Is(err, store.ErrNoFile) {
		return &web.NotFoundError{What: "evidence file of checklist item", Code: fmt.Sprintf("%s/%s/%d", k.Item, k.Region, k.Period)}
	}
	if err != nil {
		return err
	}
	attachment(c, f.Name)
	c.Response().Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	return c.Blob(http.StatusOK, f.Type, data)
}

// reviewBody is the body of POST …/review.
type reviewBody struct {
	State analytics.ReviewState `json:"state"`
	Note  string                `json:"note"`
}

// POST /api/v1/regions/{code}/checklist/{item}/review?period= with
// {state: approved|returned, note}.
func (api *API) postChecklistReview(c echo.Context) error {
	k, err := api.checklistKey(c)
	if err != nil {
		return err
	}
	var b reviewBody
	if err := readBody(c, &b); err != nil {
		return err
	}
	if b.State != analytics.ReviewApproved && b.State != analytics.ReviewReturned {
		return web.BadParam("state", "%q is not approved or returned", b.State)
	}
	if !utf8.ValidString(b.Note) || utf8.RuneCountInString(b.Note) > maxNoteRunes {
		return web.BadParam("note", "at most %d characters of text", maxNoteRunes)
	}
	e, err := api.atlas.ReviewChecklist(c.Request().Context(), k, b.State, b.Note, actor(c), api.now())
	if err != nil {
		return err
	}
	api.audit(c, who(c).name(), "checklist_review", fmt.Sprintf("%s %s %d %s", k.Item, k.Region, k.Period, b.State))
	return web.SendJSON(c, e)
}
