package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
)

func mustCreateToken(t *testing.T, s store.Store, tok auth.Token) auth.Token {
	t.Helper()
	start := time.Now()
	if err := s.CreateToken(t.Context(), &tok); err != nil {
		t.Fatalf("CreateToken(%q of user %d): %v", tok.Name, tok.UserID, err)
	}
	checkCreated(t, "token "+tok.Name, tok.CreatedAt, start)
	// What a read must return: the times as the store keeps them.
	tok.ExpiresAt = us(tok.ExpiresAt)
	return tok
}

// checkTokens checks each user's tokens, listed newest first, and each
// token found by its hash.
func checkTokens(t *testing.T, s store.Store, want map[int64][]auth.Token) {
	t.Helper()
	for user, tokens := range want {
		got, err := s.ListTokens(t.Context(), user)
		if err != nil {
			t.Fatalf("ListTokens(%d): %v", user, err)
		}
		if len(got) != len(tokens) || (len(got) > 0 && !reflect.DeepEqual(got, tokens)) {
			t.Fatalf("ListTokens(%d):\n got %+v\nwant %+v", user, got, tokens)
		}
		for _, tok := range tokens {
			if got, err := s.TokenByHash(t.Context(), tok.Hash); err != nil || !reflect.DeepEqual(*got, tok) {
				t.Errorf("TokenByHash(%x) = %+v, %v; want %+v", tok.Hash, got, err, tok)
			}
		}
	}
}

func testTokens(t *testing.T, s store.Store) {
	alice := mustCreateUser(t, s, auth.User{Username: "alice", PasswordHash: "h", Role: auth.Analyst})
	bob := mustCreateUser(t, s, auth.User{Username: "bob", PasswordHash: "h", Role: auth.Admin})
	// Nanoseconds and a zone of their own: the stores keep UTC microseconds.
	expires := time.Date(2030, 1, 2, 3, 4, 5, 123456789, time.FixedZone("CST", 8*3600))
	session := mustCreateToken(t, s, auth.Token{UserID: alice.ID, Kind: auth.Session,
		Hash: auth.HashSecret("s1"), ExpiresAt: expires})
	api := mustCreateToken(t, s, auth.Token{UserID: alice.ID, Kind: auth.API, Name: "数据导出脚本（每周）",
		Hash: auth.HashSecret("a1"), ExpiresAt: expires.Add(90 * 24 * time.Hour)})
	bobs := mustCreateToken(t, s, auth.Token{UserID: bob.ID, Kind: auth.Session,
		Hash: auth.HashSecret("s2"), ExpiresAt: expires})
	if want := time.Date(2030, 1, 1, 19, 4, 5, 123456000, time.UTC); !session.ExpiresAt.Equal(want) {
		t.Fatalf("ExpiresAt kept as %v, want %v", session.ExpiresAt, want)
	}
	checkTokens(t, s, map[int64][]auth.Token{alice.ID: {api, session}, bob.ID: {bobs}, missingID: nil})

	_, err := s.TokenByHash(t.Context(), auth.HashSecret("unknown"))
	wantErr(t, "TokenByHash(unknown)", err, auth.ErrNotFound, "token")
	dup := auth.Token{UserID: bob.ID, Kind: auth.API, Name: "dup", Hash: auth.HashSecret("a1"), ExpiresAt: expires}
	wantErr(t, "CreateToken with a hash in use", s.CreateToken(t.Context(), &dup), auth.ErrExists, "token")
	orphan := auth.Token{UserID: missingID, Kind: auth.API, Hash: auth.HashSecret("o"), ExpiresAt: expires}
	wantErr(t, "CreateToken of a missing user", s.CreateToken(t.Context(), &orphan), auth.ErrNotFound, "token")
	checkTokens(t, s, map[int64][]auth.Token{alice.ID: {api, session}, bob.ID: {bobs}, missingID: nil})

	// Only the owner (or anyone, as user 0) revokes a token.
	at := time.Date(2014, 3, 1, 8, 0, 0, 999999999, time.Local)
	wantErr(t, "RevokeToken by another user", s.RevokeToken(t.Context(), session.ID, bob.ID, at), auth.ErrNotFound, "token")
	wantErr(t, "RevokeToken(missing)", s.RevokeToken(t.Context(), missingID, 0, at), auth.ErrNotFound, "token")
	checkTokens(t, s, map[int64][]auth.Token{alice.ID: {api, session}})
	if err := s.RevokeToken(t.Context(), session.ID, alice.ID, at); err != nil {
		t.Fatalf("RevokeToken by its owner: %v", err)
	}
	revoked := us(at)
	session.RevokedAt = &revoked
	// A second revocation keeps the first's time.
	if err := s.RevokeToken(t.Context(), session.ID, 0, at.Add(time.Hour)); err != nil {
		t.Fatalf("RevokeToken again, as user 0: %v", err)
	}
	checkTokens(t, s, map[int64][]auth.Token{alice.ID: {api, session}, bob.ID: {bobs}})

	bobs2 := mustCreateToken(t, s, auth.Token{UserID: bob.ID, Kind: auth.API, Name: "b",
		Hash: auth.HashSecret("a2"), ExpiresAt: expires})
	if err := s.RevokeToken(t.Context(), bobs.ID, 0, at); err != nil {
		t.Fatalf("RevokeToken as user 0: %v", err)
	}
	bobs.RevokedAt = &revoked
	later := at.Add(time.Minute)
	if err := s.RevokeUserTokens(t.Context(), alice.ID, later); err != nil {
		t.Fatalf("RevokeUserTokens: %v", err)
	}
	laterUS := us(later)
	api.RevokedAt = &laterUS
	checkTokens(t, s, map[int64][]auth.Token{alice.ID: {api, session}, bob.ID: {bobs2, bobs}})
}
