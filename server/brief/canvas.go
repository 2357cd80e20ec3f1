package brief

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// pt is a point on a figure, in millimetres from its top left corner.
type pt struct{ X, Y float64 }

// style is how a path is painted: fill and stroke colours ("" for none,
// "#rrggbb" otherwise), the fill's opacity and the stroke's width in mm.
type style struct {
	Fill    string
	Opacity float64 // of the fill; 0 means opaque
	Stroke  string
	Width   float64
}

// Text anchors.
const (
	left = iota
	centre
	right
)

// canvas is what a figure draws on: a PDF page region or an SVG element.
// Paths fill by the even-odd rule, so a polygon's holes stay holes.
type canvas interface {
	path(rings [][]pt, s style)
	text(p pt, size float64, colour string, anchor int, s string)
}

// rgb reads "#rrggbb".
func rgb(c string) (int, int, int) {
	v, _ := strconv.ParseUint(strings.TrimPrefix(c, "#"), 16, 32)
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

// pdfCanvas draws on a PDF page, offset to the figure's place.
type pdfCanvas struct {
	f      *fpdf.Fpdf
	ox, oy float64
}

func (c pdfCanvas) path(rings [][]pt, s style) {
	if len(rings) == 0 {
		return
	}
	for _, r := range rings {
		for i, p := range r {
			if i == 0 {
				c.f.MoveTo(c.ox+p.X, c.oy+p.Y)
			} else {
				c.f.LineTo(c.ox+p.X, c.oy+p.Y)
			}
		}
		c.f.ClosePath()
	}
	op := ""
	if s.Fill != "" {
		c.f.SetFillColor(rgb(s.Fill))
		if s.Opacity > 0 {
			c.f.SetAlpha(s.Opacity, "Normal")
		}
		op = "f*"
	}
	if s.Stroke != "" {
		c.f.SetDrawColor(rgb(s.Stroke))
		c.f.SetLineWidth(s.Width)
		op = map[string]string{"f*": "B*", "": "S"}[op]
	}
	c.f.DrawPath(op)
	if s.Opacity > 0 {
		c.f.SetAlpha(1, "Normal")
	}
}

func (c pdfCanvas) text(p pt, size float64, colour string, anchor int, s string) {
	s = fit(s)
	c.f.SetFontSize(size / mmPerPt)
	c.f.SetTextColor(rgb(colour))
	x := c.ox + p.X
	switch w := c.f.GetStringWidth(s); anchor {
	case centre:
		x -= w / 2
	case right:
		x -= w
	}
	c.f.Text(x, c.oy+p.Y, s)
}

// svgCanvas writes SVG elements in millimetres.
type svgCanvas struct{ b *strings.Builder }

func (c svgCanvas) path(rings [][]pt, s style) {
	if len(rings) == 0 {
		return
	}
	var d strings.Builder
	for _, r := range rings {
		for i, p := range r {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%.2f %.2f", cmd, p.X, p.Y)
		}
		d.WriteString("Z")
	}
	fill, stroke := "none", "none"
	if s.Fill != "" {
		fill = s.Fill
	}
	if s.Stroke != "" {
		stroke = s.Stroke
	}
	fmt.Fprintf(c.b, `<path d="%s" fill="%s" fill-rule="evenodd" stroke="%s" stroke-width="%.2f"`, d.String(), fill, stroke, s.Width)
	if s.Opacity > 0 {
		fmt.Fprintf(c.b, ` fill-opacity="%.2f"`, s.Opacity)
	}
	c.b.WriteString("/>\n")
}

func (c svgCanvas) text(p pt, size float64, colour string, anchor int, s string) {
	fmt.Fprintf(c.b, `<text x="%.2f" y="%.2f" font-size="%.2f" fill="%s" text-anchor="%s">%s</text>`+"\n",
		p.X, p.Y, size, colour, [...]string{"start", "middle", "end"}[anchor], html.EscapeString(s))
}

// rect is a rectangle as one ring.
func rect(x, y, w, h float64) [][]pt {
	return [][]pt{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}
}

// mmPerPt converts font sizes: figures speak millimetres, fpdf points.
const mmPerPt = 25.4 / 72
