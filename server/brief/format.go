package brief

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// unitsZH names the catalogue's units in Chinese, as a figure's suffix.
var unitsZH = map[string]string{
	"%": "%", "count": "个", "m²": "平方米", "m²/100 households": "平方米/百户",
	"persons": "人", "ratio": "", "yes/no": "", "yuan/person": "元/人",
}

// unitZH is a unit's Chinese suffix; an unknown unit stands as it is.
func unitZH(u string) string {
	if z, ok := unitsZH[u]; ok {
		return z
	}
	return u
}

// number spells v with at most one decimal, "−" for minus.
func number(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, "-", "−", 1)
}

// signed spells v with its sign, "+" included.
func signed(v float64) string {
	if v > 0 {
		return "+" + number(v)
	}
	return number(v)
}

// Value spells a value with its unit: "87.5%", "320 平方米", "是".
func Value(v float64, unit string) string {
	if unit == "yes/no" {
		if v >= 1 {
			return "是"
		}
		return "否"
	}
	if z := unitZH(unit); z != "" && z != "%" {
		return number(v) + " " + z
	}
	return number(v) + unitZH(unit)
}

// Target spells the bound a value is held to: "≥ 85%", "≤ 0 个".
func Target(s Shortfall) string {
	op := map[string]string{"ge": "≥ ", "le": "≤ "}[s.Comparator]
	if s.Unit == "yes/no" {
		return "是"
	}
	return op + Value(s.Target, s.Unit)
}

// Gap spells a shortfall: percentage points for rates ("−12.3 个百分点"),
// the unit otherwise; a yes/no requirement simply is not met.
func Gap(gap float64, unit string) string {
	switch unit {
	case "%":
		return number(gap) + " 个百分点"
	case "yes/no":
		return "未达到"
	}
	if z := unitZH(unit); z != "" {
		return number(gap) + " " + z
	}
	return number(gap)
}

// metLine is "达标 12/20 项（60%）".
func metLine(met, judged int) string {
	if judged == 0 {
		return "无已评价指标"
	}
	return fmt.Sprintf("达标 %d/%d 项（%s%%）", met, judged, number(100*float64(met)/float64(judged)))
}

// rankLine is "第 3 名 / 共 12 个（通州区各镇街）".
func (h Headline) rankLine() string {
	if h.Rank == 0 {
		return "无排名（无同级可比）"
	}
	return fmt.Sprintf("第 %d 名 / 共 %d 个（%s）", h.Rank, h.Peers, h.PeerGroup)
}

// changeLine is "较 2013 年：达标 +2 项（10/20 → 12/20）".
func (h Headline) changeLine() string {
	if h.Previous == 0 {
		return "无上年数据"
	}
	return fmt.Sprintf("较 %d 年：达标 %s 项（%d/%d → %d/%d）", h.Previous, signed(float64(h.Met-h.PrevMet)),
		h.PrevMet, h.PrevJudged, h.Met, h.Judged)
}

// title is "通州区 2014 年城乡社区建设简报".
func (b *Brief) title() string {
	return fmt.Sprintf("%s %d 年城乡社区建设简报", b.Name, b.Period)
}

// subtitle places the region: "南通市 · 区县 · 320612".
func (b *Brief) subtitle() string {
	parts := []string{}
	if b.Parent != "" {
		parts = append(parts, b.Parent)
	}
	return strings.Join(append(parts, b.Level, b.Code), " · ")
}

// footer is the generated-on line.
func (b *Brief) footer() string {
	return fmt.Sprintf("生成于 %s · 数据版本 %s · 社区建设图集（目标依据通政办发〔2013〕35号）",
		b.Generated.Format("2006-01-02 15:04"), b.Version)
}

// deptShare is "7/12（58.3%）".
func deptShare(d Department) string {
	if d.Judged == 0 {
		return "无已评价"
	}
	return fmt.Sprintf("%d/%d（%s%%）", d.Met, d.Judged, number(100*float64(d.Met)/float64(d.Judged)))
}

// The fixed headings of the brief.
const (
	headMet     = "目标达成"
	headRank    = "同级排名（综合指数）"
	headChange  = "较上年变化"
	headWeakest = "最薄弱的五项指标"
	headDepts   = "各责任部门达标情况"
	colName     = "指标"
	colValue    = "现值"
	colTarget   = "目标"
	colGap      = "差距"
	colDept     = "责任部门"
	noWeakness  = "各项已评价指标均已达标。"
	legendNone  = "无数据"
	legendHG    = "15分钟健康服务圈外居民"
	legendGG    = "网格未覆盖区域"
	mapCredit   = "边界：南通市区划（部分为生成数据）；投影：CGCS2000 3度带高斯-克吕格"
	northLabel  = "北"
	kmLabel     = "公里"
	uncoveredF  = "服务圈外约 %s 人；网格未覆盖 %s 平方公里"
	missingRune = '□'
)
