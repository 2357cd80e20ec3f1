package brief

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The A4 page, in millimetres.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 14.0
	bodyW        = pageW - 2*margin
	mapH         = 112.0
)

// PDF writes the brief as a one-page A4 PDF.
func (b *Brief) PDF(w io.Writer) error {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(b.Generated)
	f.SetModificationDate(b.Generated)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.AddUTF8FontFromBytes(fontFamily, "", fontTTF)
	f.SetTitle(b.title(), true)
	f.SetProducer("Community Atlas", true)
	f.AddPage()
	f.SetFont(fontFamily, "", 10)
	p := &pdfPage{f: f}
	y := p.heading(b)
	y = p.headline(b, y+4)
	drawMap(pdfCanvas{f, margin, y + 3}, b.Map, bodyW, mapH)
	y = p.weakest(b, y+3+mapH+6)
	p.depts(b, y+5)
	p.line(margin, pageH-8, 7.5, muted, b.footer())
	if err := f.Error(); err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	return f.Output(w)
}

// pdfPage writes the brief's text blocks.
type pdfPage struct{ f *fpdf.Fpdf }

// line writes one line of text of size pt with its baseline at y.
func (p *pdfPage) line(x, y, size float64, colour, s string) {
	p.f.SetFontSize(size)
	p.f.SetTextColor(rgb(colour))
	p.f.Text(x, y, fit(s))
}

func (p *pdfPage) heading(b *Brief) float64 {
	p.line(margin, 22, 18, ink, b.title())
	p.line(margin, 29, 9.5, muted, b.subtitle())
	p.f.SetDrawColor(rgb(ink))
	p.f.SetLineWidth(0.4)
	p.f.Line(margin, 32, pageW-margin, 32)
	return 32
}

// headline writes the three figures side by side, each under its label.
func (p *pdfPage) headline(b *Brief, y float64) float64 {
	h := b.Headline
	cells := [][2]string{{headMet, metLine(h.Met, h.Judged)}, {headRank, h.rankLine()}, {headChange, h.changeLine()}}
	cw := bodyW / 3
	for i, c := range cells {
		x := margin + cw*float64(i)
		p.f.SetFillColor(rgb("#f2f4f7"))
		p.f.Rect(x+0.5, y, cw-1, 15, "F")
		p.line(x+2.5, y+5, 8.5, muted, c[0])
		p.line(x+2.5, y+11.5, wrapSize(p.f, c[1], cw-5, 11), ink, c[1])
	}
	return y + 15
}

// wrapSize is the largest size up to max at which s fits width w.
func wrapSize(f *fpdf.Fpdf, s string, w, max float64) float64 {
	size := max
	for ; size > 6; size -= 0.5 {
		f.SetFontSize(size)
		if f.GetStringWidth(s) <= w {
			break
		}
	}
	return size
}

// weakestCols are the table's columns: heading and width in mm.
var weakestCols = []struct {
	head string
	w    float64
}{{colName, 62}, {colValue, 22}, {colTarget, 24}, {colGap, 28}, {colDept, bodyW - 136}}

// weakest writes the table of the five weakest indicators.
func (p *pdfPage) weakest(b *Brief, y float64) float64 {
	p.line(margin, y, 11.5, ink, headWeakest)
	y += 2
	if len(b.Weakest) == 0 {
		p.line(margin, y+6, 9.5, ink, noWeakness)
		return y + 8
	}
	p.row(y, "#e6e9ef", muted, headers())
	for i, s := range b.Weakest {
		p.row(y+6.5*float64(i+1), "", ink, shortfallCells(s))
	}
	return y + 6.5*float64(len(b.Weakest)+1)
}

func headers() []string {
	out := make([]string, len(weakestCols))
	for i, c := range weakestCols {
		out[i] = c.head
	}
	return out
}

// shortfallCells are one table row's texts.
func shortfallCells(s Shortfall) []string {
	return []string{s.Name, Value(s.Value, s.Unit), Target(s), Gap(s.Gap, s.Unit), strings.Join(s.Departments, "、")}
}

// row writes one table row of height 6.5 mm, shrinking text that would
// overflow its cell.
func (p *pdfPage) row(y float64, fill, colour string, cells []string) {
	if fill != "" {
		p.f.SetFillColor(rgb(fill))
		p.f.Rect(margin, y, bodyW, 6.5, "F")
	}
	p.f.SetDrawColor(rgb("#dddddd"))
	p.f.SetLineWidth(0.15)
	p.f.Line(margin, y+6.5, pageW-margin, y+6.5)
	x := margin
	for i, c := range cells {
		cw := weakestCols[i].w
		size := wrapSize(p.f, c, cw-2, 8.5)
		p.line(x+1, y+4.5, size, colour, clip(p.f, fit(c), cw-2))
		x += cw
	}
}

// depts writes the department chart under its heading.
func (p *pdfPage) depts(b *Brief, y float64) {
	p.line(margin, y, 11.5, ink, headDepts)
	drawDepts(pdfCanvas{p.f, margin, y + 2}, b.Depts, bodyW)
}

// clip cuts s, at the current font size, to width w with a closing "…".
func clip(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
