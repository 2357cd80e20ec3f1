package accountsql

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// AppendAudit inserts e and sets its ID.
func (a Accounts[T]) AppendAudit(ctx context.Context, e *auth.AuditEntry) error {
	if err := a.db.QueryRow(ctx, insertAuditSQL, a.d.Rows.NewAudit(e)...).Scan(&e.ID); err != nil {
		return fmt.Errorf("%s: audit %s by %q: %w", a.d.Name, e.Action, e.Username, ctxerr.Ended(ctx, err))
	}
	return nil
}

// ListAudit returns up to limit entries with ID below beforeID (all when
// 0), newest first; none when limit is not positive. When within is not
// nil, only the entries attributed to one of its regions.
func (a Accounts[T]) ListAudit(ctx context.Context, limit int, beforeID int64, within []string) ([]auth.AuditEntry, error) {
	args, ok := rowscan.AuditPage(limit, beforeID)
	if !ok {
		return nil, nil
	}
	args = append(args, withinJSON(within))
	entries, err := rowscan.List(ctx, a.query(ctx, args...), listAuditSQL(a.d.RegionIn), a.d.Rows.Audit)
	if err != nil {
		return nil, fmt.Errorf("%s: audit: %w", a.d.Name, err)
	}
	return entries, nil
}

// withinJSON is a region list as the audit query reads it: a JSON array, or
// NULL for no filter.
func withinJSON(within []string) any {
	if within == nil {
		return nil
	}
	b, _ := json.Marshal(within) // a []string always marshals
	return string(b)
}
