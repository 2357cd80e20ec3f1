package server

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/web"
)

// maxFuzzBody caps fuzz inputs a little above the account bodies' limit,
// so that the limit itself is crossed.
const maxFuzzBody = accountBodyLimit + 1024

// bodyParamError fails unless err is a parameter error on one of params.
func bodyParamError(t *testing.T, body string, err error, params ...string) {
	t.Helper()
	var pe *web.ParamError
	if !errors.As(err, &pe) {
		t.Fatalf("%q: error %v is not a parameter error", body, err)
	}
	for _, p := range params {
		if pe.Param == p {
			return
		}
	}
	t.Fatalf("%q: parameter error on %q, want one of %v", body, pe.Param, params)
}

// FuzzLoginBody: a login body decodes, with a password of at most 1 KiB,
// or fails with a parameter error on the body or the password.
func FuzzLoginBody(f *testing.F) {
	for _, s := range []string{
		`{"username":"admin","password":"admin-password-1"}`, `{}`, `[]`, `null`, `{"username":1}`,
		`{"username":"a","password":"` + strings.Repeat("x", 1025) + `"}`, `{"password":"\u0000\ud800"}`, `{"a":`, "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > maxFuzzBody {
			return
		}
		req, err := decodeLogin(strings.NewReader(body))
		if err != nil {
			bodyParamError(t, body, err, "body", "password")
			return
		}
		if len(req.Password) > auth.MaxPasswordBytes || len(body) > accountBodyLimit {
			t.Fatalf("%q: accepted a %d-byte password in a %d-byte body", body, len(req.Password), len(body))
		}
	})
}

// FuzzUserBody: a user body decodes with a valid role and a password of
// 10 characters to 1 KiB when they are given, or fails with a parameter
// error.
func FuzzUserBody(f *testing.F) {
	for _, s := range []string{
		`{"username":"county.official","password":"a-long-password","role":"data_manager","region":"320612"}`,
		`{"disabled":true}`, `{"role":"root"}`, `{"password":"short"}`, `{"extra":1}`, `{"region":null}`,
		`{"password":"` + strings.Repeat("é", 600) + `"}`, `{"username":"x"} {"trailing":1}`, "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > maxFuzzBody {
			return
		}
		req, err := decodeUserRequest(strings.NewReader(body))
		if err != nil {
			bodyParamError(t, body, err, "body", "password", "role")
			return
		}
		if req.Password != nil {
			n := len(*req.Password)
			if n > auth.MaxPasswordBytes || utf8.RuneCountInString(*req.Password) < auth.MinPasswordLength {
				t.Fatalf("%q: accepted a password of %d bytes", body, n)
			}
		}
		if req.Role != nil && !req.Role.Valid() {
			t.Fatalf("%q: accepted role %q", body, *req.Role)
		}
	})
}

// FuzzTokenBody: a token body decodes to a name of 1 to 100 bytes and a
// life of 1 to 365 days, or fails with a parameter error.
func FuzzTokenBody(f *testing.F) {
	for _, s := range []string{
		`{"name":"scripts","expires_in_days":30}`, `{"name":"x"}`, `{"name":""}`, `{"name":"x","expires_in_days":-1}`,
		`{"name":"x","expires_in_days":366}`, `{"name":"x","expires_in_days":1e3}`, `{"name":"` + strings.Repeat("n", 101) + `"}`, "{",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > maxFuzzBody {
			return
		}
		req, err := decodeTokenRequest(strings.NewReader(body))
		if err != nil {
			bodyParamError(t, body, err, "body", "name", "expires_in_days")
			return
		}
		if req.Name == "" || len(req.Name) > 100 || req.ExpiresInDays < 1 || req.ExpiresInDays > maxTokenDays {
			t.Fatalf("%q: accepted %+v", body, req)
		}
	})
}
