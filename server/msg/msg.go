// Package msg is the catalogue of what the service says to people in words —
// the titles and details of its problem documents — in English and
// Chinese, and the choice between them by the request's language.
//
// A message is a format and its arguments, as for fmt. The English format
// is the key the Chinese one is found by (as in golang.org/x/text/message
// catalogues), so the English answers are what the code reads, and a
// format missing from the catalogue says itself in English. The Chinese
// format may take the arguments in another order with explicit indexes
// (%[2]s). The arguments are data and stay as they are, except those that
// can say themselves in a language: a Message, an Error, an error that
// keeps its format (Formatted), and a level of the hierarchy.
package msg

import (
	"fmt"
	"net/http"
	"regexp"

	"github.com/community-atlas/atlas/analytics"
	"golang.org/x/text/language"
)

// Lang is a language the service answers in.
type Lang string

// The languages: English, the default, and Chinese.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// ParseLang reads a lang parameter: zh or en.
func ParseLang(s string) (Lang, bool) {
	switch Lang(s) {
	case EN, ZH:
		return Lang(s), true
	}
	return "", false
}

// matcher picks zh or en from an Accept-Language list; English comes
// first, so a list naming neither gets English.
var matcher = language.NewMatcher([]language.Tag{language.English, language.Chinese})

// Of is the language of a request: its lang parameter when that is zh or
// en, else the one of the two its Accept-Language prefers, else English.
func Of(r *http.Request) Lang {
	if l, ok := ParseLang(r.URL.Query().Get("lang")); ok {
		return l
	}
	return Accepted(r.Header.Get("Accept-Language"))
}

// Accepted is the language an Accept-Language header prefers.
func Accepted(header string) Lang {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return EN
	}
	if _, i, conf := matcher.Match(tags...); conf != language.No && i == 1 {
		return ZH
	}
	return EN
}

// Localizer is anything that can say itself in a language.
type Localizer interface {
	In(l Lang) string
}

// Formatted is an error that keeps its format and arguments, so that it
// can be said in another language. Packages below the server implement
// it without importing this one.
type Formatted interface {
	MessageFormat() (format string, args []any)
}

// Message is a format and its arguments.
type Message struct {
	Format string
	Args   []any
}

// New is the message of format with args.
func New(format string, args ...any) Message { return Message{Format: format, Args: args} }

// String is the message in English.
func (m Message) String() string { return m.In(EN) }

// In says the message in l: the catalogue's format for l, filled with the
// arguments said in l. A message without arguments is its text as it
// stands (a % in it is no verb).
func (m Message) In(l Lang) string {
	format := m.Format
	if l == ZH {
		if z, ok := zh[format]; ok {
			format = z
		}
	}
	if len(m.Args) == 0 {
		return format
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = localize(a, l)
	}
	return fmt.Sprintf(wrapVerb.ReplaceAllString(format, "%${1}v"), args...)
}

// wrapVerb is %w, which only fmt.Errorf knows; said, it is %v.
var wrapVerb = regexp.MustCompile(`%(\[\d+\])?w`)

// localize turns an argument that can say itself in l into that text.
func localize(a any, l Lang) any {
	switch v := a.(type) {
	case Localizer:
		return v.In(l)
	case Formatted:
		f, args := v.MessageFormat()
		return New(f, args...).In(l)
	case analytics.Level:
		return New(string(v)).In(l)
	}
	return a
}

// Say is err in l when it can say itself (a Localizer or Formatted at the
// top of its chain), else its own text.
func Say(err error, l Lang) string {
	switch v := err.(type) {
	case Localizer:
		return v.In(l)
	case Formatted:
		f, args := v.MessageFormat()
		return New(f, args...).In(l)
	}
	return err.Error()
}

// Error is an error made of a message; its text is the English one. The
// arguments given to %w are the errors it wraps, as with fmt.Errorf.
type Error struct{ Message }

// Errorf is an *Error of format and args.
func Errorf(format string, args ...any) error { return &Error{New(format, args...)} }

func (e *Error) Error() string { return e.In(EN) }

// Unwrap is the arguments of the %w verbs.
func (e *Error) Unwrap() []error {
	var out []error
	for _, v := range verbs(e.Format) {
		if v.verb == 'w' && v.arg < len(e.Args) {
			if err, ok := e.Args[v.arg].(error); ok {
				out = append(out, err)
			}
		}
	}
	return out
}

// ListSep separates the items of a list assembled from messages (the
// punctuation differs between the languages, as do Colon and Comma).
func (l Lang) ListSep() string {
	if l == ZH {
		return "；"
	}
	return "; "
}

// Colon introduces what follows a label.
func (l Lang) Colon() string {
	if l == ZH {
		return "："
	}
	return ": "
}

// Comma separates the parts of a place (sheet, row, field).
func (l Lang) Comma() string {
	if l == ZH {
		return "，"
	}
	return ", "
}
