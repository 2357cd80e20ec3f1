package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/community-atlas/atlas/server/msg"
	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, one
// lane), a few tens of milliseconds per hash.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
	saltLen        = 16
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

// MaxPasswordBytes is the longest password accepted, in bytes: far beyond
// any passphrase, and a bound on the work one request can ask of the hash.
const MaxPasswordBytes = 1024

// ErrPasswordTooLong is returned for a password over MaxPasswordBytes.
var ErrPasswordTooLong = msg.Errorf("password must have at most %d bytes", MaxPasswordBytes)

// CheckPasswordStrength rejects passwords too short to resist guessing,
// and passwords over MaxPasswordBytes.
func CheckPasswordStrength(pw string) error {
	if len(pw) > MaxPasswordBytes {
		return ErrPasswordTooLong
	}
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return msg.Errorf("password must have at least %d characters", MinPasswordLength)
	}
	return nil
}

// HashPassword returns an argon2id hash in the PHC string format. It
// refuses a password over MaxPasswordBytes.
func HashPassword(pw string) (string, error) {
	if len(pw) > MaxPasswordBytes {
		return "", ErrPasswordTooLong
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemoryKiB, argonTime, argonThreads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// ErrBadHash is returned for a stored hash that cannot be read.
var ErrBadHash = errors.New("auth: unreadable password hash")

// VerifyPassword reports whether pw matches the stored hash, in time that
// does not depend on where they differ. A password over MaxPasswordBytes
// matches nothing and is not hashed.
func VerifyPassword(hash, pw string) (bool, error) {
	if len(pw) > MaxPasswordBytes {
		return false, ErrPasswordTooLong
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrBadHash
	}
	var version int
	var mem, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &t, &p); err != nil {
		return false, ErrBadHash
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false, ErrBadHash
	}
	got := argon2.IDKey([]byte(pw), salt, t, mem, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
