package table_test

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Excel on Chinese Windows saves CSV in GBK, with the title row it shows
// and the empty cells of the width.
func TestGBKCSV(t *testing.T) {
	text := "南通市2025年社区建设指标统计表,,,\r\n,,,\r\n代码,名称,常住人口（人）,户数\r\n" +
		"320612001001,金沙街道,\"12,345\",4100\r\n320612001002,\"兴仁镇, 东\",,\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	must(t, err)
	b := open(t, "2025年.csv", []byte(gbk))
	s := b.Sheets[0]
	if b.Format != "csv" || b.Encoding != "gb18030" || s.Name != "2025年" || s.Period != 2025 || s.HeaderRow != 3 {
		t.Fatalf("book %s %s, sheet %q period %d header row %d", b.Format, b.Encoding, s.Name, s.Period, s.HeaderRow)
	}
	if want := []string{"代码", "名称", "常住人口（人）", "户数"}; !reflect.DeepEqual(s.Header, want) {
		t.Errorf("header %q", s.Header)
	}
	if !reflect.DeepEqual(s.Notes, []string{"南通市2025年社区建设指标统计表"}) {
		t.Errorf("notes %q", s.Notes)
	}
	want := []row{{4, "320612001001|金沙街道|12345|4100"}, {5, "320612001002|兴仁镇, 东||"}}
	if got := rows(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}

	// Big5 (Taiwan, Hong Kong) read as GBK: a byte pair GB18030 does not
	// decode is an error at its cell.
	s = open(t, "a.csv", []byte(gbk+"320612,\xa4\xa4\xff\xff,1,2\r\n")).Sheets[0]
	err = s.Each(func(int, []string) error { return nil })
	if te := tableError(t, err); te.Row != 6 || te.Cells != "B6" {
		t.Errorf("error %v", err)
	}
}

// UTF-8 with a BOM and semicolons (Excel where the decimal separator is a
// comma), and Excel's "Unicode text": UTF-16 with tabs.
func TestCSVDelimitersAndBOMs(t *testing.T) {
	bom := "\uFEFF代码;名称;值\n320612;通州区;8,5\n"
	b := open(t, "C:\\导出\\obs.csv", []byte(bom))
	if s := b.Sheets[0]; b.Encoding != "utf-8" || s.Name != "obs" || s.Period != 0 || !reflect.DeepEqual(s.Header, []string{"代码", "名称", "值"}) {
		t.Errorf("book %s sheet %q header %q", b.Encoding, s.Name, s.Header)
	}
	if got := rows(t, b.Sheets[0]); !reflect.DeepEqual(got, []row{{2, "320612|通州区|8,5"}}) {
		t.Errorf("rows %v", got)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("代码\t名称\n320612\t通州区\n")
	must(t, err)
	b = open(t, "obs.txt", []byte(utf16))
	if got := rows(t, b.Sheets[0]); b.Encoding != "utf-16le" || !reflect.DeepEqual(got, []row{{2, "320612|通州区"}}) {
		t.Errorf("%s rows %v", b.Encoding, got)
	}
}

// A plain UTF-8 file whose 64 KiB cut falls inside a character is still
// UTF-8; rows are numbered as records, a quoted line break inside one.
func TestUTF8CSVCutInsideACharacter(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("代码,名称\n\"1\",\"第一\n行\"\n")
	for sb.Len() < 70<<10 {
		sb.WriteString("320612,通州区\n")
	}
	b := open(t, "a.csv", []byte(sb.String()))
	got := rows(t, b.Sheets[0])
	if b.Encoding != "utf-8" || got[0] != (row{2, "1|第一\n行"}) || got[1] != (row{3, "320612|通州区"}) {
		t.Errorf("%s rows %v", b.Encoding, got[:2])
	}
}
