package main

import (
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

func readTestDivisions(t *testing.T) []division {
	t.Helper()
	f, err := seeds.Files.Open("nantong/divisions_2023.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	divs, err := readDivisions(f)
	if err != nil {
		t.Fatal(err)
	}
	return divs
}

// Every community name falls under one of the documented endings, each
// classified as documented in communityKind; the two official endings
// cover all but a few dozen.
func TestCommunityKinds(t *testing.T) {
	endings := []struct {
		suffix string
		kind   analytics.Kind
	}{
		{"社区居委会", analytics.Urban},
		{"居委会", analytics.Urban},
		{"村委会", analytics.Rural},
		{"社区居民委员会", analytics.Urban},
		{"社区居民委委会", analytics.Urban},
		{"虚拟社区", analytics.Urban},
		{"社区", analytics.Urban},
		{"村委会（新）", analytics.Rural},
		{"虚拟生活区", analytics.Rural},
		{"村", analytics.Rural},
	}
	count := map[string]int{}
	kinds := map[analytics.Kind]int{}
	for _, d := range readTestDivisions(t) {
		if d.level != analytics.Community {
			continue
		}
		k := communityKind(d.name)
		kinds[k]++
		matched := false
		for _, e := range endings {
			if strings.HasSuffix(d.name, e.suffix) {
				if k != e.kind {
					t.Errorf("%s %s: %s, want %s", d.code, d.name, k, e.kind)
				}
				count[e.suffix]++
				matched = true
				break
			}
		}
		if !matched {
			t.Errorf("%s %s: undocumented ending", d.code, d.name)
		}
	}
	t.Logf("endings %v; %d urban, %d rural", count, kinds[analytics.Urban], kinds[analytics.Rural])
	if count["社区居委会"]+count["居委会"]+count["村委会"] != 1936 {
		t.Errorf("official endings on %d names, want 1936", count["社区居委会"]+count["居委会"]+count["村委会"])
	}
	if kinds[analytics.Urban] != 765 || kinds[analytics.Rural] != 1240 {
		t.Errorf("%d urban and %d rural communities, want 765 and 1240", kinds[analytics.Urban], kinds[analytics.Rural])
	}
}

func TestShortName(t *testing.T) {
	for in, want := range map[string]string{
		"城中社区居委会":     "城中社区",
		"城中居委会":       "城中社区",
		"新华村委会":       "新华村",
		"庙港村委会（新）":    "庙港村",
		"碧林湾社区居民委员会":  "碧林湾社区",
		"秦西社区居民委委会":   "秦西社区",
		"老洪港虚拟社区":     "老洪港虚拟社区",
		"如皋市蚕种场虚拟生活区": "如皋市蚕种场虚拟生活区",
		"洋口村":         "洋口村",
	} {
		if got := shortName(in); got != want {
			t.Errorf("shortName(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestReadDivisionsRejects(t *testing.T) {
	for name, in := range map[string]string{
		"header":        "code,name\n3206,南通市\n",
		"level":         "code,name,level,parent_code\n3206,南通市,metro,32\n",
		"orphan":        "code,name,level,parent_code\n3206,南通市,city,32\n320612001,金沙街道,township,320612\n",
		"level skipped": "code,name,level,parent_code\n3206,南通市,city,32\n320612001,金沙街道,township,3206\n",
		"repeated code": "code,name,level,parent_code\n3206,南通市,city,32\n3206,南通市,city,32\n",
	} {
		if _, err := readDivisions(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
