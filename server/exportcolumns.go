package server

import (
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/geo/format"
)

// Columns several tables share; titles carry Chinese and English.
var (
	indicatorColumn     = col("indicator", "指标代码 indicator", format.String)
	indicatorNameColumn = col("indicator_name", "指标 name", format.String)
	codeColumn          = col("code", "区划代码 code", format.String)
	nameColumn          = col("name", "名称 region", format.String)
	levelColumn         = col("level", "层级 level", format.String)
	periodColumn        = col("period", "年度 period", format.Integer)
	unitColumn          = col("unit", "单位 unit", format.String)
	valueColumn         = col("value", "数值 value", format.Real)
	comparatorColumn    = col("comparator", "比较 comparator", format.String)
	rankColumn          = col("rank", "排名 rank", format.Integer)
	meetsColumn         = col("meets", "达标 meets", format.Boolean)
)

// targetColumns are a value's bounds and verdicts — overall, then the urban
// and the rural communities' own (see compare.Judgement) — and whether the
// value is provisional (submitted, not yet approved: ?values=provisional);
// targetCells fills them. Names stay within a Shapefile's ten characters
// ("provisional" is eleven: a Shapefile says "provisiona").
var targetColumns = []format.Field{
	col("target_min", "目标下限 target_min", format.Real), col("target_max", "目标上限 target_max", format.Real),
	meetsColumn, col("gap", "差距 gap", format.Real),
	col("verdict", "评价 verdict", format.String), col("not_judged", "未评价原因 not_judged", format.String),
	col("urban_val", "城市社区数值 urban_val", format.Real), col("urban_min", "城市社区目标 urban_min", format.Real),
	col("urban_met", "城市社区达标 urban_met", format.Boolean),
	col("rural_val", "农村社区数值 rural_val", format.Real), col("rural_min", "农村社区目标 rural_min", format.Real),
	col("rural_met", "农村社区达标 rural_met", format.Boolean),
	col("provisional", "暂定 provisional", format.Boolean),
}

// targetCells fill targetColumns from a judgement; nulls where there is
// nothing to say (no target in the period, no community of a kind).
func targetCells(j compare.Judgement) []any {
	var lo, hi any
	if j.Target != nil {
		lo, hi = float(j.Target.Min), float(j.Target.Max)
	}
	var notJudged any
	if j.NotJudged != "" {
		notJudged = j.NotJudged
	}
	var verdict, provisional any // nulls without a value
	if j.Verdict != "" {
		verdict, provisional = j.Verdict, j.Provisional
	}
	cells := []any{lo, hi, boolean(j.Meets), float(j.Gap), verdict, notJudged}
	cells = append(append(cells, partCells(j.Urban)...), partCells(j.Rural)...)
	return append(cells, provisional)
}

// partCells are one kind's value, lower bound (the range's lower end, or
// the cap for ≤) and verdict.
func partCells(p *compare.Part) []any {
	if p == nil {
		return []any{nil, nil, nil}
	}
	var bound any
	if p.Target != nil {
		bound = float(p.Target.Min)
		if p.Target.Min == nil {
			bound = float(p.Target.Max)
		}
	}
	return []any{float(p.Value), bound, boolean(p.Meets)}
}

func col(name, title string, t format.Type) format.Field {
	return format.Field{Name: name, Title: title, Type: t}
}

// comparatorCell is a target's comparator, null without a target.
func comparatorCell(t *compare.Target) any {
	if t == nil {
		return nil
	}
	return string(t.Comparator)
}

// float, integer and boolean turn optional values into export cells (nil
// stays null).
func float(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func integer(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func boolean(p *bool) any {
	if p == nil {
		return nil
	}
	return *p
}
