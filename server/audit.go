package server

import (
	"strconv"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// audit records an action. A failure to record is logged, not returned:
// the action itself has happened.
func (api *API) audit(c echo.Context, username, action, detail string) {
	e := &auth.AuditEntry{At: time.Now(), Username: username, Action: action, Detail: detail, Remote: c.RealIP()}
	if err := api.atlas.AppendAudit(c.Request().Context(), e); err != nil {
		api.log.Error("audit log write failed", "action", action, "user", username, "err", err)
	}
}

type auditItem struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Username string    `json:"username"`
	Action   string    `json:"action"`
	Detail   string    `json:"detail"`
	Remote   string    `json:"remote"`
}

// GET /api/v1/audit?limit=&before=: newest first; page with before = the
// last id seen.
func (api *API) listAudit(c echo.Context) error {
	limit, before := 100, int64(0)
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return web.BadParam("limit", "%q is not a whole number from 1 to 1000", v)
		}
		limit = n
	}
	if v := c.QueryParam("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return web.BadParam("before", "%q is not an entry id", v)
		}
		before = n
	}
	es, err := api.atlas.ListAudit(c.Request().Context(), limit, before)
	if err != nil {
		return err
	}
	items := make([]auditItem, len(es))
	for i, e := range es {
		items[i] = auditItem{ID: e.ID, At: e.At, Username: e.Username, Action: e.Action, Detail: e.Detail, Remote: e.Remote}
	}
	return web.SendJSON(c, list[auditItem]{Items: items})
}
