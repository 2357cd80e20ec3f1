package auth_test

import (
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server/auth"
)

func TestPassword(t *testing.T) {
	h, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id in PHC form", h)
	}
	if ok, err := auth.VerifyPassword(h, "correct horse battery"); !ok || err != nil {
		t.Errorf("right password: %v %v", ok, err)
	}
	if ok, _ := auth.VerifyPassword(h, "correct horse batterY"); ok {
		t.Error("wrong password accepted")
	}
	h2, _ := auth.HashPassword("correct horse battery")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=1,t=1,p=1$$", "$bcrypt$x$y$z$w", h[:len(h)-50]} {
		if _, err := auth.VerifyPassword(bad, "x"); err == nil {
			t.Errorf("hash %q read", bad)
		}
	}
	if auth.CheckPasswordStrength("short") == nil || auth.CheckPasswordStrength("long enough pw") != nil {
		t.Error("password strength rule")
	}
}

func TestRoles(t *testing.T) {
	if !auth.Admin.Allows(auth.DataManager) || auth.Analyst.Allows(auth.DataManager) || !auth.Viewer.Allows(auth.Viewer) {
		t.Error("role order")
	}
	if auth.Role("root").Allows(auth.Viewer) {
		t.Error("unknown role allowed")
	}
}

func TestTokens(t *testing.T) {
	s1, h1, _ := auth.NewSecret()
	s2, _, _ := auth.NewSecret()
	if s1 == s2 || len(s1) < 40 || string(auth.HashSecret(s1)) != string(h1) {
		t.Errorf("secrets %q %q", s1, s2)
	}
	if auth.CSRFToken(s1) == auth.CSRFToken(s2) {
		t.Error("CSRF tokens of two sessions equal")
	}
	now := time.Now()
	tok := auth.Token{ExpiresAt: now.Add(time.Hour)}
	if !tok.Active(now) || tok.Active(now.Add(2*time.Hour)) {
		t.Error("expiry")
	}
	tok.RevokedAt = &now
	if tok.Active(now) {
		t.Error("revoked token active")
	}
	for _, u := range []string{"ab", "张三", "a b", strings.Repeat("x", 65)} {
		if auth.ValidateUsername(u) == nil {
			t.Errorf("username %q accepted", u)
		}
	}
	if auth.ValidateUsername("county.official-1") != nil {
		t.Error("good username rejected")
	}
}

func TestPasswordLengthCap(t *testing.T) {
	kib := strings.Repeat("k", auth.MaxPasswordBytes)
	h, err := auth.HashPassword(kib)
	if err != nil || auth.CheckPasswordStrength(kib) != nil {
		t.Fatalf("a 1 KiB password: %v", err)
	}
	over := kib + "!"
	if _, err := auth.HashPassword(over); err != auth.ErrPasswordTooLong {
		t.Errorf("HashPassword over 1 KiB: %v", err)
	}
	if ok, err := auth.VerifyPassword(h, over); ok || err != auth.ErrPasswordTooLong {
		t.Errorf("VerifyPassword over 1 KiB: %v %v", ok, err)
	}
	if auth.CheckPasswordStrength(over) != auth.ErrPasswordTooLong {
		t.Error("CheckPasswordStrength accepts a password over 1 KiB")
	}
}
