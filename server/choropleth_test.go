package server_test

import (
	"testing"
)

type legend struct {
	Class    int
	Label    string
	LabelZH  string `json:"label_zh"`
	From, To *float64
	Colour   string
	Count    int
}

type choroplethAnswer struct {
	Indicator, Level, Method, Palette, Unit string
	Period, Classes                         int
	Breaks                                  []float64
	Legend                                  []legend
	NoData                                  legend `json:"no_data"`
	Items                                   []struct {
		Code, Colour string
		Class        int
		Value        *float64
		Target       *float64
		Meets        *bool
	}
}

func TestChoroplethQuantile(t *testing.T) {
	s := newServer(t, fixture())
	var a choroplethAnswer
	s.get(t, "/api/v1/choropleth?indicator=registered_volunteers&level=community&period=2013&method=quantile&classes=3", 200, &a)
	// Values 4 and 10; R: quantile(c(4, 10), c(0, 1/3, 2/3, 1)) = 4 6 8 10.
	if len(a.Breaks) != 4 || a.Breaks[1] != 6 || a.Breaks[2] != 8 {
		t.Fatalf("breaks %v", a.Breaks)
	}
	// ColorBrewer YlGnBu, 3 classes.
	want := []string{"#edf8b1", "#7fcdbb", "#2c7fb8"}
	for i, l := range a.Legend {
		if l.Colour != want[i] {
			t.Errorf("class %d colour %s, want %s", i, l.Colour, want[i])
		}
	}
	if a.Legend[0].Label != "[4, 6)" || a.Legend[2].Label != "[8, 10]" || a.Legend[0].Count != 1 || a.Legend[1].Count != 0 || a.Legend[2].Count != 1 {
		t.Errorf("legend %+v", a.Legend)
	}
	urban, rural := a.Items[0], a.Items[1]
	if urban.Class != 2 || urban.Colour != want[2] || rural.Class != 0 || rural.Colour != want[0] {
		t.Errorf("items %+v", a.Items)
	}
	// The county without data is no-data coloured.
	s.get(t, "/api/v1/choropleth?indicator=registered_volunteers&level=county&period=2013&method=equal&classes=3", 200, &a)
	if a.NoData.Count != 1 || a.Items[1].Class != -1 || a.Items[1].Colour != "#cccccc" || a.Items[1].Value != nil {
		t.Errorf("no data: %+v, items %+v", a.NoData, a.Items)
	}
}

func TestChoroplethTarget(t *testing.T) {
	s := newServer(t, fixture())
	var a choroplethAnswer
	s.get(t, "/api/v1/choropleth?indicator=registered_volunteers&level=community&period=2013&method=target", 200, &a)
	// Urban 10 ≥ 8 meets; rural 4 < 5 but within 5 points.
	if a.Items[0].Class != 0 || a.Items[1].Class != 1 || *a.Items[1].Target != 5 || *a.Items[1].Meets {
		t.Errorf("items %+v", a.Items)
	}
	if len(a.Legend) != 3 || a.Legend[0].Count != 1 || a.Legend[1].Count != 1 || a.Legend[2].LabelZH != "未达标" {
		t.Errorf("legend %+v", a.Legend)
	}
}

func TestChoroplethManualAndErrors(t *testing.T) {
	s := newServer(t, fixture())
	var a choroplethAnswer
	s.get(t, "/api/v1/choropleth?indicator=registered_volunteers&level=community&period=2013&method=manual&breaks=0,5,8,12&palette=RdBu", 200, &a)
	if a.Items[0].Class != 2 || a.Items[1].Class != 0 || a.Legend[1].Label != "[5, 8)" || a.Legend[0].Colour != "#ef8a62" {
		t.Errorf("manual: legend %+v items %+v", a.Legend, a.Items)
	}
	var p problem
	for q, param := range map[string]string{
		"method=median":            "method",
		"palette=Rainbow":          "palette",
		"classes=12":               "classes",
		"method=manual":            "breaks",
		"method=manual&breaks=3,2": "breaks",
		"method=manual&breaks=a,b": "breaks",
		"level=village":            "level",
		"period=1990":              "period",
	} {
		s.get(t, "/api/v1/choropleth?indicator=registered_volunteers&"+q, 400, &p)
		if p.Param != param {
			t.Errorf("%s: param %q, want %q (%s)", q, p.Param, param, p.Detail)
		}
	}
	s.get(t, "/api/v1/choropleth?level=county", 400, &p)
	if p.Param != "indicator" {
		t.Errorf("missing indicator: %+v", p)
	}
}
