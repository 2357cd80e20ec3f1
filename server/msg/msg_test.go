package msg

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/community-atlas/atlas/analytics"
)

func TestOf(t *testing.T) {
	cases := []struct {
		target, accept string
		want           Lang
	}{
		{"/x", "", EN},
		{"/x", "zh-CN,zh;q=0.9,en;q=0.8", ZH},
		{"/x", "zh", ZH},
		{"/x", "zh-TW", ZH},
		{"/x", "en-US,en;q=0.9,zh-CN;q=0.5", EN},
		{"/x", "fr-FR", EN},
		{"/x", "fr-FR, zh;q=0.5", ZH},
		{"/x", "not a header;;", EN},
		{"/x?lang=zh", "en", ZH},
		{"/x?lang=en", "zh-CN", EN},
		{"/x?lang=fr", "zh-CN", ZH}, // an unknown lang falls back to the header
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", c.target, nil)
		if c.accept != "" {
			r.Header.Set("Accept-Language", c.accept)
		}
		if got := Of(r); got != c.want {
			t.Errorf("%s with Accept-Language %q: %s, want %s", c.target, c.accept, got, c.want)
		}
	}
}

// formatOnly is an error of a package that keeps its format without
// knowing this one.
type formatOnly struct{ n int }

func (e formatOnly) Error() string { return fmt.Sprintf("item %d %q is not a number", e.n, "x") }
func (e formatOnly) MessageFormat() (string, []any) {
	return "item %d %q is not a number", []any{e.n, "x"}
}

func TestMessageIn(t *testing.T) {
	cases := []struct {
		m      Message
		en, zh string
	}{
		// Reordered arguments.
		{New("observation %s of region %s in %d", "elderly", "320612", 2013),
			"observation elderly of region 320612 in 2013", "地区 320612 2013 年的观测值 elderly"},
		// A level argument is named in the language.
		{New("%s is a %s, not a community (use parent= for a larger region)", "320612", analytics.County),
			"320612 is a county, not a community (use parent= for a larger region)", "320612 是县(市、区)，不是社区(村)（更大的地区请用 parent=）"},
		// Nested messages and errors that keep their format.
		{New("parameter %s: %s", "bbox", New("%v", formatOnly{2})),
			`parameter bbox: item 2 "x" is not a number`, `参数 bbox：第 2 项 "x" 不是数字`},
		{New("parameter %s: %s", "x", New("%v", Errorf("latitudes must lie within −90…90"))),
			"parameter x: latitudes must lie within −90…90", "参数 x：纬度必须在 −90…90 之内"},
		// A plain error is data.
		{New("not the JSON object expected: %v", errors.New("unexpected EOF")),
			"not the JSON object expected: unexpected EOF", "不是所需的 JSON 对象：unexpected EOF"},
		// Unknown to the catalogue: English in both.
		{New("no such message %d", 1), "no such message 1", "no such message 1"},
		// Without arguments a % is no verb.
		{New("100% sure"), "100% sure", "100% sure"},
	}
	for _, c := range cases {
		if got := c.m.In(EN); got != c.en {
			t.Errorf("en: %q, want %q", got, c.en)
		}
		if got := c.m.In(ZH); got != c.zh {
			t.Errorf("zh: %q, want %q", got, c.zh)
		}
	}
}

var errSentinel = Errorf("no checklist entry")

func TestErrorWraps(t *testing.T) {
	err := Errorf("%w: region %s has not reported item %s for %d", errSentinel, "320612", "t1", 2013)
	if !errors.Is(err, errSentinel) {
		t.Errorf("the argument of %%w is not wrapped")
	}
	if want := "no checklist entry: region 320612 has not reported item t1 for 2013"; err.Error() != want {
		t.Errorf("%q, want %q", err.Error(), want)
	}
	if got, want := Say(err, ZH), "没有清单上报：地区 320612 尚未上报 2013 年的事项 t1"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if Say(errors.New("plain"), ZH) != "plain" {
		t.Error("a plain error says itself")
	}
	notWrapped := Errorf("item %s: %v", "x", errSentinel)
	if errors.Is(notWrapped, errSentinel) {
		t.Errorf("an argument of %%v is wrapped")
	}
}

func TestVerbs(t *testing.T) {
	cases := map[string][]verb{
		"%q is not a year":                 {{0, 'q'}},
		"100%% of %d":                      {{0, 'd'}},
		"%.1f%% (%.3f km²) at most %.0f%%": {{0, 'f'}, {1, 'f'}, {2, 'f'}},
		"%[2]s before %[1]s, then %s":      {{1, 's'}, {0, 's'}, {1, 's'}},
		"%-8s|%+d|%#v|%08.3f|%*d":          {{0, 's'}, {1, 'd'}, {2, 'v'}, {3, 'f'}, {4, '*'}, {5, 'd'}},
		"%[3]*.[2]*[1]f":                   {{2, '*'}, {1, '*'}, {0, 'f'}},
		"trailing %":                       nil,
		"%[1]w：地区 %[2]s 尚未上报 %[4]d 年的事项 %[3]s": {{0, 'w'}, {1, 's'}, {3, 'd'}, {2, 's'}},
	}
	for f, want := range cases {
		if got := verbs(f); !reflect.DeepEqual(got, want) {
			t.Errorf("verbs(%q) = %v, want %v", f, got, want)
		}
	}
	// The parser agrees with fmt: each verb's argument is the one fmt
	// prints there.
	args := []any{"a", "b", "c", "d"}
	for _, f := range []string{"%s %s", "%[2]s %s", "%[3]s %[1]s %s", "%s %[1]s %s"} {
		var want string
		n := 0
		for _, v := range verbs(f) {
			want += args[v.arg].(string)
			n = max(n, v.arg+1)
		}
		got := ""
		for _, r := range fmt.Sprintf(f, args[:n]...) {
			if r != ' ' {
				got += string(r)
			}
		}
		if got != want {
			t.Errorf("%q: fmt prints %q, verbs say %q", f, got, want)
		}
	}
}
