package analytics_test

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

// TestUnitAgreesWithNames: in the 2023 Nantong divisions, the units the
// code numbers from 400 are exactly those whose name does not end in 街道,
// 镇 or 乡 (三星镇（叠石桥家纺产业园区）, an industrial park, ends in a
// bracket) — the code's rule and the names' tell the same 48 units apart.
func TestUnitAgreesWithNames(t *testing.T) {
	f, err := seeds.Files.Open("nantong/divisions_2023.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	others, townships := 0, 0
	for _, row := range rows[1:] {
		code, name, level := row[0], row[1], analytics.Level(row[2])
		r := analytics.Region{Code: code, Name: name, Level: level}
		if level != analytics.Township {
			if r.UnitType() != "" {
				t.Errorf("%s %s (%s) has unit %q", code, name, level, r.UnitType())
			}
			continue
		}
		byName := analytics.TownshipUnit
		if !strings.HasSuffix(name, "街道") && !strings.HasSuffix(name, "镇") && !strings.HasSuffix(name, "乡") {
			byName = analytics.OtherUnit
			others++
		} else {
			townships++
		}
		if r.UnitType() != byName {
			t.Errorf("%s %s: unit %q, its name says %q", code, name, r.UnitType(), byName)
		}
	}
	if others != 48 || townships != 88 {
		t.Errorf("%d other units and %d townships, want 48 and 88", others, townships)
	}
}

func TestTownships(t *testing.T) {
	regions := []*analytics.Region{
		{Code: "320612", Level: analytics.County},
		{Code: "320612001", Level: analytics.Township},
		{Code: "320612401", Level: analytics.Township},
		{Code: "320612401001", Level: analytics.Community},
	}
	var kept []string
	for _, r := range analytics.Townships(regions) {
		kept = append(kept, r.Code)
	}
	if got := strings.Join(kept, ","); got != "320612,320612001,320612401001" {
		t.Errorf("kept %s", got)
	}
}

func ExampleRegion_UnitType() {
	for _, r := range []analytics.Region{
		{Code: "320612001", Name: "金沙街道", Level: analytics.Township},
		{Code: "320612401", Name: "环本农场", Level: analytics.Township},
		{Code: "320612", Name: "通州区", Level: analytics.County},
	} {
		fmt.Printf("%s %q\n", r.Name, r.UnitType())
	}
	// Output:
	// 金沙街道 "township"
	// 环本农场 "other"
	// 通州区 ""
}
