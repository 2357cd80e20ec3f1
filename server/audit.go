package server

import (
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// audit records an action by the request's principal, attributed to the
// principal's region. A failure to record is logged, not returned: the
// action itself has happened.
func (api *API) audit(c echo.Context, username, action, detail string) {
	region := ""
	if p := who(c); p != nil && p.User != nil {
		region = p.Region
	}
	api.record(c, username, region, action, detail)
}

// record appends an entry attributed to region: the acting user's region
// when it is written (empty for the whole atlas, or for an anonymous
// request or an unknown username). An admin limited to a region reads the
// entries attributed to regions inside theirs.
func (api *API) record(c echo.Context, username, region, action, detail string) {
	e := &auth.AuditEntry{At: api.now(), Username: username, Region: region, Action: action, Detail: detail, Remote: c.RealIP()}
	if err := api.atlas.AppendAudit(c.Request().Context(), e); err != nil {
		api.log.Error("audit log write failed", "action", action, "user", username, "err", err)
	}
}

type auditItem struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Username string    `json:"username"`
	Region   string    `json:"region"`
	Action   string    `json:"action"`
	Detail   string    `json:"detail"`
	Remote   string    `json:"remote"`
}

// GET /api/v1/audit?limit=&before=: newest first; page with before = the
// last id seen. An admin limited to a region sees the entries of their
// region and the regions inside it only.
func (api *API) listAudit(c echo.Context) error {
	limit, before, err := pageParams(c)
	if err != nil {
		return err
	}
	var within []string // nil: every entry
	if who(c).Region != "" {
		// The request's snapshot is already limited to the admin's region.
		within = []string{}
		for _, r := range api.snap(c).Regions() {
			within = append(within, r.Code)
		}
	}
	es, err := api.atlas.ListAudit(c.Request().Context(), limit, before, within)
	if err != nil {
		return err
	}
	items := make([]auditItem, len(es))
	for i, e := range es {
		items[i] = auditItem{ID: e.ID, At: e.At, Username: e.Username, Region: e.Region, Action: e.Action, Detail: e.Detail, Remote: e.Remote}
	}
	return web.SendJSON(c, list[auditItem]{Items: items})
}
