package table

import (
	"fmt"
	"strings"
	"testing"
)

func TestPeriodOf(t *testing.T) {
	for name, want := range map[string]int{"2025": 2025, "2025年": 2025, " 2024年度 ": 2024, "2025年数据": 0, "Sheet1": 0, "20251": 0} {
		if got := periodOf(name); got != want {
			t.Errorf("periodOf(%q) = %d, want %d", name, got, want)
		}
	}
}

func TestValue(t *testing.T) {
	for in, want := range map[string]string{
		" 12,345.6 ": "12345.6", "-1,234": "-1234", "12,5": "12,5", "1,2,3": "1,2,3", "12,345%": "12345%",
		"2025/3/7": "2025-03-07", "2025年12月1日": "2025-12-01", "2025.13.1": "2025.13.1", "3/7/2025": "3/7/2025",
		"#N/A": "#N/A", "\u3000金沙\u3000": "金沙", "通州区, 东": "通州区, 东",
	} {
		if got := value(in); got != want {
			t.Errorf("value(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncodingOf(t *testing.T) {
	// 65,535 ASCII bytes, then a three-byte character across the cut.
	cut := strings.Repeat("a", sniffSize-1) + "区"
	for in, want := range map[string]string{cut: "utf-8", "\xef\xbb\xbfa": "utf-8-bom", "a,\xb4\xfa\xc2\xeb": "gb18030", "": "utf-8"} {
		if got := encodingOf([]byte(in)); got != want {
			t.Errorf("encodingOf(%.20q…) = %s, want %s", in, got, want)
		}
	}
}

func TestSniffDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"a;b;c\n1;2,5;3\n":                   ';',
		"a,b\n\"x;y\",2\n":                   ',',
		"title\na\tb\tc\n1\t2\t3\n4\t5\t6\n": '\t',
		"one column\n":                       ',',
	} {
		if got := sniffDelimiter([]byte(in)); got != want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

// Merged ranges are found wherever the 64 KiB blocks cut the XML.
func TestScanMergesAcrossBlocks(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`<worksheet><sheetData>` + strings.Repeat(`<row r="1"><c r="A1"><v>1</v></c></row>`, 3000) + `</sheetData><mergeCells count="5000">`)
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&sb, `<x:mergeCell ref="A%d:C%d"/>`, i, i+1)
	}
	sb.WriteString(`</mergeCells></worksheet>`)
	m, err := scanMerges(strings.NewReader(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5000; i++ {
		if rs := m[i]; len(rs) != 1 || rs[0] != (rect{0, i, 2, i + 1}) {
			t.Fatalf("row %d: %v", i, rs)
		}
	}
	if len(m) != 5000 {
		t.Errorf("%d rows with merges", len(m))
	}
}
