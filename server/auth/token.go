package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewSecret returns a fresh token secret (256 random bits, URL-safe) and
// the hash it is stored under.
func NewSecret() (secret string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	secret = "atl_" + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret), nil
}

// HashSecret is the stored form of a token secret. A fast hash suffices:
// the secret is random and long, unlike a password.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CSRFToken is the anti-forgery token that goes with a session secret: a
// page script learns it at login and sends it back in X-CSRF-Token on state
// changes; a forged cross-site request, which carries the cookie but cannot
// read it, cannot compute it.
func CSRFToken(sessionSecret string) string {
	h := sha256.Sum256([]byte("csrf:" + sessionSecret))
	return hex.EncodeToString(h[:16])
}
