package ogc

import (
	"math"
	"net/url"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/export"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/labstack/echo/v4"
)

// in is a text in the language l.
func in(t analytics.Text, l msg.Lang) string {
	if l == msg.EN {
		return t.EN
	}
	return t.ZH
}

// collectionRow is a collection as the collections page lists it.
type collectionRow struct{ ID, Href, Title, Description, Extent string }

func collectionsPage(c echo.Context, neg negotiation, cols []*ogcCollection, docs []ogcCollectionDoc, links []ogcLink) error {
	t := pageTexts[neg.lang]
	rows := make([]collectionRow, len(docs))
	for i, d := range docs {
		col := cols[i]
		rows[i] = collectionRow{ID: d.ID, Href: "/ogc/collections/" + d.ID + "?f=html",
			Title: in(col.Name, neg.lang), Description: in(col.About, neg.lang), Extent: extentText(d.Extent.Spatial.BBox[0])}
	}
	return renderPage(c, neg, "collections", page{Title: t.Collections, Crumbs: []crumb{home(t)},
		Body: struct {
			Collections []collectionRow
			Links       []ogcLink
		}{rows, links}})
}

func collectionPage(c echo.Context, neg negotiation, col *ogcCollection, d ogcCollectionDoc) error {
	t := pageTexts[neg.lang]
	base := "/ogc/collections/" + col.ID + "/items"
	return renderPage(c, neg, "collection", page{Title: in(col.Name, neg.lang), Crumbs: []crumb{home(t), collectionsCrumb(t)},
		Body: struct {
			Description, Extent, CRS string
			ItemsHTML, ItemsJSON     string
			Links                    []ogcLink
		}{in(col.About, neg.lang), extentText(d.Extent.Spatial.BBox[0]), d.Extent.Spatial.CRS,
			base + "?f=html", base + "?f=json", d.Links}})
}

// collectionCrumb leads from features back to their collection.
func collectionCrumb(col *ogcCollection, l msg.Lang) crumb {
	return crumb{in(col.Name, l), "/ogc/collections/" + col.ID + "?f=html"}
}

// itemsPage is a page of features as a table, with paging links.
func itemsPage(c echo.Context, neg negotiation, s *analytics.Snapshot, col *ogcCollection, l *export.Layer,
	sel selection, q itemsQuery, links []ogcLink) error {
	t := pageTexts[neg.lang]
	body := struct {
		Showing    string
		Period     int
		Prev, Next string
		Table      htmlTable
		Links      []ogcLink
	}{Showing: t.Showing(sel.lo+1, sel.hi, sel.matched()), Table: rowsTable(l, t, s.Catalogue, neg, col.ID), Links: links}
	if col.Periodic {
		body.Period = q.period
	}
	for _, k := range links {
		switch k.Rel {
		case "prev":
			body.Prev = k.Href
		case "next":
			body.Next = k.Href
		}
	}
	return renderPage(c, neg, "items", page{Title: t.FeaturesOf(in(col.Name, neg.lang)), Crumbs: []crumb{home(t), collectionsCrumb(t), collectionCrumb(col, neg.lang)}, Body: body})
}

// itemPage is one feature as a table of its properties.
func itemPage(c echo.Context, neg negotiation, s *analytics.Snapshot, col *ogcCollection, l *export.Layer, period int, links []ogcLink) error {
	t := pageTexts[neg.lang]
	body := struct {
		Period int
		Table  htmlTable
		Links  []ogcLink
	}{Table: propertiesTable(l, t, s.Catalogue), Links: links}
	if col.Periodic {
		body.Period = period
	}
	title := l.Features[0].ID
	if name := valueOf(l, 0, "name"); name != "" {
		title = name + " " + title
	}
	return renderPage(c, neg, "item", page{Title: title,
		Crumbs: []crumb{home(t), collectionsCrumb(t), collectionCrumb(col, neg.lang),
			{t.FeaturesOf(in(col.Name, neg.lang)), "/ogc/collections/" + col.ID + "/items?f=html"}},
		Body: body})
}

// htmlTable is a table of a page: head and rows of cells.
type htmlTable struct {
	Head []string
	Rows [][]htmlCell
}

type htmlCell struct{ Text, Href, Class string }

// rowsTable lists features, one a row, the first cell leading to the
// feature's own page.
func rowsTable(l *export.Layer, t pageText, cat *analytics.Catalogue, neg negotiation, id string) htmlTable {
	tab := htmlTable{Head: []string{t.ID}}
	for _, f := range l.Fields {
		tab.Head = append(tab.Head, fieldTitle(f, t, cat))
	}
	for _, feat := range l.Features {
		row := []htmlCell{{Text: feat.ID, Href: neg.link("/ogc/collections/" + id + "/items/" + url.PathEscape(feat.ID) + "?f=html")}}
		for i, v := range feat.Values {
			row = append(row, cell(l.Fields[i].Name, v, t))
		}
		tab.Rows = append(tab.Rows, row)
	}
	return tab
}

// propertiesTable lists one feature's properties, one a row.
func propertiesTable(l *export.Layer, t pageText, cat *analytics.Catalogue) htmlTable {
	tab := htmlTable{Head: []string{t.Property, t.Value}}
	for i, f := range l.Fields {
		tab.Rows = append(tab.Rows, []htmlCell{{Text: fieldTitle(f, t, cat)}, cell(f.Name, l.Features[0].Values[i], t)})
	}
	return tab
}

// fieldTitle heads a column: the page's word for a fixed field, the
// indicator's name (and unit) in the language for an indicator's, else the
// layer's own title.
func fieldTitle(f export.Field, t pageText, cat *analytics.Catalogue) string {
	if s, ok := t.Fields[f.Name]; ok {
		return s
	}
	if cat != nil {
		if ind, ok := cat.Indicator(f.Name); ok {
			name := in(ind.Name, msg.Lang(t.Lang))
			unit, ok := t.Units[ind.Unit]
			if !ok {
				unit = ind.Unit
			}
			if unit != "" {
				name += " (" + unit + ")"
			}
			return name
		}
	}
	return f.Label()
}

// cell shows a value: numbers right-aligned, booleans and the codes of
// levels, kinds and facility types in words, nothing as a dash.
func cell(field string, v any, t pageText) htmlCell {
	switch x := v.(type) {
	case nil:
		return htmlCell{Text: "—", Class: "none"}
	case float64: // to two decimals for reading; the JSON has them all
		return htmlCell{Text: strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64), Class: "num"}
	case int64:
		return htmlCell{Text: strconv.FormatInt(x, 10), Class: "num"}
	case bool:
		if x {
			return htmlCell{Text: t.Yes, Class: "yes"}
		}
		return htmlCell{Text: t.No, Class: "no"}
	case string:
		words := map[string]map[string]string{"level": t.Levels, "kind": t.Kinds, "type": t.Types}[field]
		if w, ok := words[x]; ok {
			return htmlCell{Text: w}
		}
		return htmlCell{Text: x}
	}
	return htmlCell{Text: "?"}
}

// valueOf is feature i's value of the named field as text, "" when none.
func valueOf(l *export.Layer, i int, field string) string {
	for k, f := range l.Fields {
		if f.Name == field {
			if s, ok := l.Features[i].Values[k].(string); ok {
				return s
			}
		}
	}
	return ""
}
