package rowscan

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server/auth"
)

// textTimes is an Accounts that keeps times as RFC 3339 text with
// microseconds, as a store keeping text would.
var textTimes = Accounts[string]{
	Time: func(t time.Time) string { return t.Format("2006-01-02T15:04:05.000000Z07:00") },
	At:   func(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) },
}

func TestAccountArgs(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	// 09:30 in CST is 01:30 UTC; the nanoseconds past the microsecond go.
	at := time.Date(2013, 6, 1, 9, 30, 0, 123456789, cst)
	const stamped = "2013-06-01T01:30:00.123456Z"

	u := &auth.User{ID: 4, Username: "alice", PasswordHash: "h", Role: auth.Analyst, Region: "320612", Disabled: true}
	if got, want := textTimes.NewUser(u, at), []any{"alice", "h", "analyst", "320612", true, stamped}; !reflect.DeepEqual(got, want) {
		t.Errorf("NewUser = %#v, want %#v", got, want)
	}
	if got, want := UserUpdate(u), []any{int64(4), "alice", "h", "analyst", "320612", true}; !reflect.DeepEqual(got, want) {
		t.Errorf("UserUpdate = %#v, want %#v", got, want)
	}

	tok := &auth.Token{UserID: 4, Kind: auth.API, Name: "n", Hash: []byte{1}, ExpiresAt: at}
	want := []any{int64(4), "api", "n", []byte{1}, stamped, nil, "2013-06-01T01:31:00.123456Z"}
	if got := textTimes.NewToken(tok, at.Add(time.Minute)); !reflect.DeepEqual(got, want) {
		t.Errorf("NewToken, not revoked = %#v, want %#v", got, want)
	}
	tok.RevokedAt = &at
	want[5] = stamped
	if got := textTimes.NewToken(tok, at.Add(time.Minute)); !reflect.DeepEqual(got, want) {
		t.Errorf("NewToken, revoked = %#v, want %#v", got, want)
	}

	e := &auth.AuditEntry{At: at, Username: "alice", Region: "320612", Action: "login", Detail: "d", Remote: "10.0.0.1:5501"}
	if got, want := textTimes.NewAudit(e), []any{stamped, "alice", "320612", "login", "d", "10.0.0.1:5501"}; !reflect.DeepEqual(got, want) {
		t.Errorf("NewAudit = %#v, want %#v", got, want)
	}
}

func TestAuditPage(t *testing.T) {
	for _, c := range []struct {
		limit  int
		before int64
		want   []any
	}{
		{10, 0, []any{int64(math.MaxInt64), 10}},
		{10, 25, []any{int64(25), 10}},
		{0, 25, nil},
		{-1, 0, nil},
	} {
		args, ok := AuditPage(c.limit, c.before)
		if ok != (c.want != nil) || !reflect.DeepEqual(args, c.want) {
			t.Errorf("AuditPage(%d, %d) = %v, %t; want %v", c.limit, c.before, args, ok, c.want)
		}
	}
}

func TestAccountRecords(t *testing.T) {
	cst := "2013-06-01T09:30:00.000001+08:00"
	utc := time.Date(2013, 6, 1, 1, 30, 0, 1000, time.UTC)

	u, err := textTimes.User(row{int64(4), "alice", "h", "analyst", "", false, cst})
	if want := (auth.User{ID: 4, Username: "alice", PasswordHash: "h", Role: auth.Analyst, CreatedAt: utc}); err != nil || u != want {
		t.Errorf("User = %+v, %v; want %+v", u, err, want)
	}

	revoked := cst
	for _, r := range []*string{nil, &revoked} {
		tok, err := textTimes.Token(row{int64(7), int64(4), "session", "", []byte{1}, cst, r, cst})
		want := auth.Token{ID: 7, UserID: 4, Kind: auth.Session, Hash: []byte{1}, ExpiresAt: utc, CreatedAt: utc}
		if r != nil {
			want.RevokedAt = &utc
		}
		if err != nil || !reflect.DeepEqual(tok, want) {
			t.Errorf("Token (revoked_at %v) = %+v, %v; want %+v", r, tok, err, want)
		}
	}

	e, err := textTimes.Audit(row{int64(9), cst, "", "320612", "login_failed", "d", "r"})
	if want := (auth.AuditEntry{ID: 9, At: utc, Region: "320612", Action: "login_failed", Detail: "d", Remote: "r"}); err != nil || e != want {
		t.Errorf("Audit = %+v, %v; want %+v", e, err, want)
	}
}

func TestAccountErrorsNameTheRecord(t *testing.T) {
	bad := "yesterday"
	for _, c := range []struct {
		read func() error
		want string
	}{
		{func() error { _, err := textTimes.User(row{int64(4), "", "", "", "", false, bad}); return err }, "user 4: created_at: "},
		{func() error {
			_, err := textTimes.Token(row{int64(7), int64(4), "", "", []byte{}, bad, nil, "2013-06-01T09:30:00Z"})
			return err
		}, "token 7: expires_at: "},
		{func() error {
			_, err := textTimes.Token(row{int64(7), int64(4), "", "", []byte{}, "2013-06-01T09:30:00Z", &bad, "2013-06-01T09:30:00Z"})
			return err
		}, "token 7: revoked_at: "},
		{func() error { _, err := textTimes.Audit(row{int64(9), bad, "", "", "", "", ""}); return err }, "audit 9: at: "},
	} {
		if err := c.read(); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("got %v, want an error starting %q", err, c.want)
		}
	}
}

func TestList(t *testing.T) {
	result := &rows{all: []row{{"a"}, {"b"}}}
	var ran string
	query := func(q string, each func(Scanner) error) error { ran = q; return Each(result, each) }
	scan := func(r Scanner) (string, error) {
		var s string
		err := r.Scan(&s)
		return s, err
	}
	got, err := List(t.Context(), query, "SELECT name FROM t", scan)
	if err != nil || !reflect.DeepEqual(got, []string{"a", "b"}) || ran != "SELECT name FROM t" {
		t.Errorf("List = %q, %v after running %q; want [a b] from SELECT name FROM t", got, err, ran)
	}

	// An error of the rows once the context is done says so.
	broken := errors.New("conn closed")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	result = &rows{all: []row{{"a"}}, err: broken}
	if got, err := List(ctx, query, "q", scan); got != nil || !errors.Is(err, broken) || !errors.Is(err, context.Canceled) {
		t.Errorf("List with a cancelled context = %q, %v; want no rows and an error matching both", got, err)
	}
}

// codeError is a driver's error with a code.
type codeError struct{ code int }

func (e *codeError) Error() string { return "constraint failed: users.username" }

func TestAccountErr(t *testing.T) {
	noRows := errors.New("no rows")
	codes := Codes[*codeError, int]{NoRows: noRows, Code: func(e *codeError) int { return e.code }, Unique: 1, ForeignKey: 2}
	other := errors.New("disk full")
	for _, c := range []struct {
		name string
		err  error
		want error // the auth error it matches, if any
		keep bool  // whether it keeps the driver's error
	}{
		{"no rows", noRows, auth.ErrNotFound, false},
		{"unique", &codeError{1}, auth.ErrExists, true},
		{"unique, joined", errors.Join(other, &codeError{1}), auth.ErrExists, true},
		{"foreign key", &codeError{2}, auth.ErrNotFound, true},
		{"another code", &codeError{3}, nil, true},
		{"another error", other, nil, true},
	} {
		err := codes.AccountErr(t.Context(), c.err)
		for _, target := range []error{auth.ErrExists, auth.ErrNotFound} {
			if errors.Is(err, target) != (target == c.want) {
				t.Errorf("%s: AccountErr = %v; matches %v: %t, want %t", c.name, err, target, !(target == c.want), target == c.want)
			}
		}
		if errors.Is(err, c.err) != c.keep {
			t.Errorf("%s: AccountErr = %v; keeps %v: %t, want %t", c.name, err, c.err, !c.keep, c.keep)
		}
	}
	if err := codes.AccountErr(t.Context(), noRows); err != auth.ErrNotFound {
		t.Errorf("no rows: AccountErr = %v, want auth.ErrNotFound alone", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := codes.AccountErr(ctx, other); !errors.Is(err, context.Canceled) || !errors.Is(err, other) {
		t.Errorf("cancelled context: AccountErr = %v; want it to match context.Canceled and the driver's error", err)
	}
}
