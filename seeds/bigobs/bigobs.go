// Package bigobs writes observation files of any size from the Nantong
// seeds, for measuring imports: the seeds' community-level (indicator,
// region) pairs with their first seeded value, repeated for one year after
// another from 1950 until the rows asked for are written. Every row is
// valid and no key repeats (up to 151 years × the pairs, over 8 million
// rows).
package bigobs

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/community-atlas/atlas/seeds"
	"github.com/xuri/excelize/v2"
)

// FirstYear is the period of the first rows written.
const FirstYear = 1950

// pair is an (indicator, region) of the seeds and a value valid for it.
type pair struct{ indicator, region, value string }

// pairs reads the seeded observations of community indicators (the ones
// with 12-digit region codes), one per key, in file order.
func pairs() ([]pair, error) {
	f, err := seeds.Files.Open("generated/observations.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	if _, err := r.Read(); err != nil {
		return nil, err
	}
	seen := map[[2]string]bool{}
	var out []pair
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		k := [2]string{rec[0], rec[1]}
		if len(rec[1]) != 12 || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, pair{rec[0], rec[1], rec[3]})
	}
}

// rows calls fn with the first n rows: indicator, region, period, value.
func rows(n int, fn func(indicator, region, period, value string) error) error {
	ps, err := pairs()
	if err != nil {
		return err
	}
	for i := range n {
		p := ps[i%len(ps)]
		if err := fn(p.indicator, p.region, strconv.Itoa(FirstYear+i/len(ps)), p.value); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV writes n rows as the canonical long CSV.
func WriteCSV(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintln(bw, "indicator,region,period,value")
	err := rows(n, func(ind, reg, per, val string) error {
		_, err := fmt.Fprintf(bw, "%s,%s,%s,%s\n", ind, reg, per, val)
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes n rows as a workbook of one sheet, a title row above
// the long table's header (指标代码, 行政代码, 年份, 数值), as an office
// keeps it, with excelize's stream writer.
func WriteXLSX(w io.Writer, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"南通市社区建设指标观测表"}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{"指标代码", "行政代码", "年份", "数值"}); err != nil {
		return err
	}
	row := 3
	err = rows(n, func(ind, reg, per, val string) error {
		p, _ := strconv.Atoi(per)
		v, _ := strconv.ParseFloat(val, 64)
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, []any{ind, reg, p, v})
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
