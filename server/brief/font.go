package brief

import (
	_ "embed"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// fontFamily names the embedded face in the PDF and the HTML page.
const fontFamily = "AtlasBriefKai"

// fontTTF is LXGW WenKai Regular cut to the characters a brief prints (see
// font/README.md); fontLicence is its SIL Open Font License.
var (
	//go:embed font/AtlasBriefKai.ttf
	fontTTF []byte
	//go:embed font/OFL.txt
	fontLicence string
)

// face answers which characters the subset has.
var face = sync.OnceValue(func() *sfnt.Font {
	f, err := sfnt.Parse(fontTTF)
	if err != nil {
		panic("brief: the embedded font does not parse: " + err.Error())
	}
	return f
})

// covered caches Has.
var covered sync.Map

// Has reports whether the embedded font draws r.
func Has(r rune) bool {
	if v, ok := covered.Load(r); ok {
		return v.(bool)
	}
	gi, err := face().GlyphIndex(nil, r)
	ok := err == nil && gi != 0
	covered.Store(r, ok)
	return ok
}

// fit replaces the characters the font lacks with □, so that a name outside
// the subset (from an import after the subset was cut) shows where it is
// incomplete instead of silently losing characters.
func fit(s string) string {
	for _, r := range s {
		if !Has(r) {
			return strings.Map(func(r rune) rune {
				if Has(r) {
					return r
				}
				return missingRune
			}, s)
		}
	}
	return s
}
