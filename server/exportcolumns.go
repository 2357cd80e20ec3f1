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

// targetColumns are a judged value's bounds and verdict; targetCells fills
// them.
var targetColumns = []format.Field{
	col("target_min", "目标下限 target_min", format.Real), col("target_max", "目标上限 target_max", format.Real),
	meetsColumn, col("gap", "差距 gap", format.Real),
}

func col(name, title string, t format.Type) format.Field {
	return format.Field{Name: name, Title: title, Type: t}
}

// targetCells are the target_min, target_max, meets and gap cells of a
// value; the bounds are null without a target.
func targetCells(t *compare.Target, meets *bool, gap *float64) []any {
	var lo, hi any
	if t != nil {
		lo, hi = float(t.Min), float(t.Max)
	}
	return []any{lo, hi, boolean(meets), float(gap)}
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
