package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
)

// missingID is an id no record of a fresh store has.
const missingID = 1 << 40

// us is a time as the stores keep it: UTC, cut to the microsecond.
func us(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// checkCreated checks a CreatedAt a store set: now, in UTC, to the microsecond.
func checkCreated(t *testing.T, what string, at, start time.Time) {
	t.Helper()
	if at.Before(us(start)) || at.After(time.Now().Add(time.Second)) || at.Location() != time.UTC || at.Nanosecond()%1000 != 0 {
		t.Errorf("%s: CreatedAt %v, want now in UTC to the microsecond", what, at)
	}
}

func mustCreateUser(t *testing.T, s store.Store, u auth.User) auth.User {
	t.Helper()
	start := time.Now()
	if err := s.CreateUser(t.Context(), &u); err != nil {
		t.Fatalf("CreateUser(%q): %v", u.Username, err)
	}
	checkCreated(t, "user "+u.Username, u.CreatedAt, start)
	return u
}

// wantErr checks that err is target and names what it is about.
func wantErr(t *testing.T, op string, err, target error, names string) {
	t.Helper()
	if !errors.Is(err, target) || !strings.Contains(fmt.Sprint(err), names) {
		t.Errorf("%s: error %v, want %v naming %s", op, err, target, names)
	}
}

func checkUsers(t *testing.T, s store.Store, want ...auth.User) {
	t.Helper()
	got, err := s.ListUsers(t.Context())
	if err != nil {
		t.Fatalf("ListUsers: %v", err)
	}
	if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
		t.Fatalf("ListUsers:\n got %+v\nwant %+v", got, want)
	}
	if n, err := s.CountUsers(t.Context()); err != nil || n != len(want) {
		t.Fatalf("CountUsers = %d, %v; want %d", n, err, len(want))
	}
	for _, u := range want {
		if got, err := s.UserByID(t.Context(), u.ID); err != nil || !reflect.DeepEqual(*got, u) {
			t.Errorf("UserByID(%d) = %+v, %v; want %+v", u.ID, got, err, u)
		}
		if got, err := s.UserByName(t.Context(), u.Username); err != nil || !reflect.DeepEqual(*got, u) {
			t.Errorf("UserByName(%q) = %+v, %v; want %+v", u.Username, got, err, u)
		}
	}
}

func testUsers(t *testing.T, s store.Store) {
	checkUsers(t, s)
	alice := mustCreateUser(t, s, auth.User{Username: "alice", PasswordHash: "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA", Role: auth.Admin})
	bob := mustCreateUser(t, s, auth.User{Username: "bob", PasswordHash: "h2", Role: auth.Analyst, Region: UrbanCode, Disabled: true})
	zed := mustCreateUser(t, s, auth.User{Username: "Zed", PasswordHash: "h3", Role: auth.Viewer, Region: CountyCode})
	if alice.ID == bob.ID || bob.ID == zed.ID || alice.ID == zed.ID {
		t.Fatalf("ids %d, %d, %d are not distinct", alice.ID, bob.ID, zed.ID)
	}
	// Byte order, not a locale's: capitals come first.
	checkUsers(t, s, zed, alice, bob)

	dup := auth.User{Username: "alice", PasswordHash: "other", Role: auth.Viewer}
	wantErr(t, "CreateUser(alice) again", s.CreateUser(t.Context(), &dup), auth.ErrExists, `"alice"`)
	bad := auth.User{Username: "mallory", PasswordHash: "h", Role: "root"}
	if err := s.CreateUser(t.Context(), &bad); err == nil || errors.Is(err, auth.ErrExists) || errors.Is(err, auth.ErrNotFound) {
		t.Errorf("CreateUser with role root: %v, want the schema to refuse it", err)
	}
	checkUsers(t, s, zed, alice, bob)

	_, err := s.UserByName(t.Context(), "nobody")
	wantErr(t, "UserByName(nobody)", err, auth.ErrNotFound, `"nobody"`)
	_, err = s.UserByID(t.Context(), missingID)
	wantErr(t, "UserByID(missing)", err, auth.ErrNotFound, fmt.Sprint(missingID))
	ghost := auth.User{ID: missingID, Username: "ghost", Role: auth.Viewer}
	wantErr(t, "UpdateUser(missing)", s.UpdateUser(t.Context(), &ghost), auth.ErrNotFound, `"ghost"`)

	// Every field but the id and the creation time changes.
	renamed := auth.User{ID: bob.ID, Username: "bobby", PasswordHash: "h2'", Role: auth.DataManager,
		CreatedAt: bob.CreatedAt.Add(-time.Hour)}
	if err := s.UpdateUser(t.Context(), &renamed); err != nil {
		t.Fatalf("UpdateUser: %v", err)
	}
	renamed.CreatedAt = bob.CreatedAt
	_, err = s.UserByName(t.Context(), "bob")
	wantErr(t, "UserByName(bob) after the rename", err, auth.ErrNotFound, `"bob"`)
	checkUsers(t, s, zed, alice, renamed)

	taken := renamed
	taken.Username, taken.Disabled = "alice", true
	wantErr(t, "UpdateUser to alice's name", s.UpdateUser(t.Context(), &taken), auth.ErrExists, `"alice"`)
	checkUsers(t, s, zed, alice, renamed)
}

// testConcurrentCreateUser creates each user from two goroutines at once:
// exactly one must succeed and the other get auth.ErrExists.
func testConcurrentCreateUser(t *testing.T, s store.Store) {
	const rounds = 20
	var want []auth.User
	for i := range rounds {
		var (
			start sync.WaitGroup
			wg    sync.WaitGroup
			users [2]auth.User
			errs  [2]error
		)
		start.Add(1)
		for g := range users {
			users[g] = auth.User{Username: fmt.Sprintf("racer%02d", i), PasswordHash: fmt.Sprint(g), Role: auth.Viewer}
			wg.Go(func() {
				start.Wait()
				errs[g] = s.CreateUser(t.Context(), &users[g])
			})
		}
		start.Done()
		wg.Wait()
		switch {
		case errs[0] == nil && errors.Is(errs[1], auth.ErrExists):
			want = append(want, users[0])
		case errs[1] == nil && errors.Is(errs[0], auth.ErrExists):
			want = append(want, users[1])
		default:
			t.Fatalf("round %d: CreateUser twice at once: %v and %v; want one nil and one auth.ErrExists", i, errs[0], errs[1])
		}
	}
	checkUsers(t, s, want...)
}

// testAudit appends entries, some at the same instant, and pages through them.
func testAudit(t *testing.T, s store.Store) {
	if got, err := s.ListAudit(t.Context(), 10, 0, nil); err != nil || len(got) != 0 {
		t.Fatalf("ListAudit of a new store = %+v, %v; want none", got, err)
	}
	cst := time.FixedZone("CST", 8*3600)
	base := time.Date(2013, 6, 1, 9, 30, 0, 123456789, cst)
	var all []auth.AuditEntry
	for i := range 25 {
		e := auth.AuditEntry{
			At:       base.Add(time.Duration(i/2) * time.Minute),
			Username: fmt.Sprintf("user%d", i%3),
			Action:   "import",
			Detail:   fmt.Sprintf("导入 崇川区边界.geojson：第 %d 批", i),
			Region:   []string{"", "320612", "320612001", "320623"}[i%4],
			Remote:   "10.0.0.1:5501",
		}
		if i == 3 {
			e.Username, e.Action, e.Detail = "", "login_failed", `用户名 "张三"`
		}
		if err := s.AppendAudit(t.Context(), &e); err != nil {
			t.Fatalf("AppendAudit %d: %v", i, err)
		}
		if len(all) > 0 && e.ID <= all[len(all)-1].ID {
			t.Fatalf("entry %d: id %d not after %d", i, e.ID, all[len(all)-1].ID)
		}
		e.At = us(e.At)
		all = append(all, e)
	}
	newest := make([]auth.AuditEntry, len(all))
	for i, e := range all {
		newest[len(all)-1-i] = e
	}
	pages := []struct {
		limit  int
		before int64
		want   []auth.AuditEntry
	}{
		{100, 0, newest},
		{10, 0, newest[:10]},
		{10, newest[9].ID, newest[10:20]},
		{10, newest[19].ID, newest[20:]},
		{10, newest[24].ID, nil},
		{1, newest[0].ID + 1, newest[:1]},
		{0, 0, nil},
	}
	for _, p := range pages {
		got, err := s.ListAudit(t.Context(), p.limit, p.before, nil)
		if err != nil {
			t.Fatalf("ListAudit(%d, %d): %v", p.limit, p.before, err)
		}
		if len(got) != len(p.want) || (len(got) > 0 && !reflect.DeepEqual(got, p.want)) {
			t.Errorf("ListAudit(%d, %d):\n got %+v\nwant %+v", p.limit, p.before, got, p.want)
		}
	}
	checkAuditWithin(t, s, newest)
}

// checkAuditWithin lists the entries of some regions only, a page at a
// time: entries 1, 2, 5, 6, 9, 10, … of newest order's reverse.
func checkAuditWithin(t *testing.T, s store.Store, newest []auth.AuditEntry) {
	within := []string{"320612", "320612001"}
	var want []auth.AuditEntry
	for _, e := range newest {
		if e.Region == within[0] || e.Region == within[1] {
			want = append(want, e)
		}
	}
	if len(want) != 12 {
		t.Fatalf("%d entries in %v, want 12", len(want), within)
	}
	first, err := s.ListAudit(t.Context(), 7, 0, within)
	if err != nil || !reflect.DeepEqual(first, want[:7]) {
		t.Fatalf("ListAudit within %v:\n got %+v, %v\nwant %+v", within, first, err, want[:7])
	}
	rest, err := s.ListAudit(t.Context(), 7, first[6].ID, within)
	if err != nil || !reflect.DeepEqual(rest, want[7:]) {
		t.Errorf("ListAudit within %v, second page:\n got %+v, %v\nwant %+v", within, rest, err, want[7:])
	}
	if none, err := s.ListAudit(t.Context(), 10, 0, []string{}); err != nil || len(none) != 0 {
		t.Errorf("ListAudit within no region = %+v, %v; want none", none, err)
	}
}
