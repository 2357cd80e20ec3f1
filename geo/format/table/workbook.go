package table

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// wbSheet is a sheet as xl/workbook.xml lists it, with its part's path.
type wbSheet struct {
	name, state, kind, part string
}

// workbookXML and relsXML are the parts of xl/workbook.xml and its
// relationships that say which sheets there are and where. Attributes
// are matched by local name, so Strict OOXML's namespaces read too.
type workbookXML struct {
	Sheets []struct {
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

type relsXML struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// maxPart bounds the workbook parts read whole here; they list sheets, so a
// larger one is not a workbook anyone saved.
const maxPart = 8 << 20

// readPart unmarshals a zip entry of at most maxPart bytes.
func readPart(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPart+1))
	if err != nil {
		return err
	}
	if len(data) > maxPart {
		return fmt.Errorf("%s is over %d MiB", name, maxPart>>20)
	}
	return xml.Unmarshal(data, v)
}

// listSheets reads the sheets of a workbook in their order.
func listSheets(zr *zip.Reader) ([]wbSheet, error) {
	var wb workbookXML
	if err := readPart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	var rels relsXML
	if err := readPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string][2]string{}
	for _, r := range rels.Rels {
		targets[r.ID] = [2]string{r.Type[strings.LastIndexByte(r.Type, '/')+1:], partPath(r.Target)}
	}
	out := make([]wbSheet, 0, len(wb.Sheets))
	for _, s := range wb.Sheets {
		var ws wbSheet
		var id string
		for _, a := range s.Attrs {
			switch a.Name.Local {
			case "name":
				ws.name = a.Value
			case "state":
				ws.state = a.Value
			case "id":
				id = a.Value
			}
		}
		t := targets[id]
		ws.kind, ws.part = t[0], t[1]
		out = append(out, ws)
	}
	return out, nil
}

// partPath resolves a relationship's target, relative to xl/ or absolute.
func partPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join("xl", target)
}
