package compare

import "github.com/community-atlas/atlas/analytics"

// Weights gives each task its weight in the composite index. Tasks not in
// Task take Default.
type Weights struct {
	Default float64
	Task    map[int]float64
}

// EqualWeights weighs every task the same.
func EqualWeights() Weights { return Weights{Default: 1} }

// Of is the weight of task t.
func (w Weights) Of(t int) float64 {
	if v, ok := w.Task[t]; ok {
		return v
	}
	return w.Default
}

// IndexRow is one region's composite index: 0–100, the weighted mean of
// its task scores, each task score the mean of the scores of its judged
// indicators (see Score). Tasks with no judged indicator for the region, or
// weight 0, drop out of its mean rather than count as 0.
type IndexRow struct {
	Code   string        `json:"code"`
	Name   string        `json:"name"`
	Index  *float64      `json:"index"`
	Rank   *int          `json:"rank"`
	Tasks  []TaskScore   `json:"tasks"`
	Scores []ScoreDetail `json:"scores"`
}

// TaskScore is a region's score on one task, 0–100, with its weight.
type TaskScore struct {
	Task   int      `json:"task"`
	Weight float64  `json:"weight"`
	Score  *float64 `json:"score"`
}

// ScoreDetail is one indicator's contribution.
type ScoreDetail struct {
	Indicator string  `json:"indicator"`
	Task      int     `json:"task"`
	Score     float64 `json:"score"` // 0–1
}

// Index computes the composite index for a scorecard's regions and ranks
// them, highest first.
func Index(sc *Scorecard, w Weights) []IndexRow {
	tasks := taskList(sc)
	out := make([]IndexRow, len(sc.Rows))
	for r, row := range sc.Rows {
		ir := IndexRow{Code: row.Code, Name: row.Name, Scores: []ScoreDetail{}}
		sums, counts := map[int]float64{}, map[int]int{}
		for i, cell := range row.Cells {
			score, ok := cell.Scored()
			if !ok {
				continue
			}
			task := sc.Columns[i].Task
			ir.Scores = append(ir.Scores, ScoreDetail{Indicator: cell.Indicator, Task: task, Score: score})
			sums[task] += score
			counts[task]++
		}
		var total, weight float64
		for _, t := range tasks {
			ts := TaskScore{Task: t, Weight: w.Of(t)}
			if counts[t] > 0 {
				ts.Score = num(100 * sums[t] / float64(counts[t]))
				if ts.Weight > 0 {
					total += ts.Weight * *ts.Score
					weight += ts.Weight
				}
			}
			ir.Tasks = append(ir.Tasks, ts)
		}
		if weight > 0 {
			ir.Index = num(total / weight)
		}
		out[r] = ir
	}
	rankIndex(out)
	return out
}

// rankIndex ranks the rows by index, highest first.
func rankIndex(rows []IndexRow) {
	rankDescending(len(rows), func(r int) (float64, bool) {
		if rows[r].Index == nil {
			return 0, false
		}
		return *rows[r].Index, true
	}, func(r, rank int) { rows[r].Rank = ptr(rank) })
}

// Score maps a value to 0–1 against its target: 1 when the target is met,
// less the further it falls short.
//
//   - ≥ min: value / min, clamped to [0, 1] (for min ≤ 0: 1 if met, else 0);
//   - ≤ max: 1 when met; else max / value for max > 0, and
//     1 / (1 + value − max) for max ≤ 0 (a cap of zero incidents: one
//     incident scores 0.5, three 0.25);
//   - a range: 1 inside; below it as for ≥ min, above it as for ≤ max.
func Score(t Target, v float64) float64 {
	switch t.Comparator {
	case analytics.AtLeast:
		return scoreAtLeast(*t.Min, v)
	case analytics.AtMost:
		return scoreAtMost(*t.Max, v)
	}
	if v < *t.Min {
		return scoreAtLeast(*t.Min, v)
	}
	return scoreAtMost(*t.Max, v)
}

func scoreAtLeast(lo, v float64) float64 {
	if v >= lo {
		return 1
	}
	if lo <= 0 {
		return 0
	}
	return max(0, v/lo)
}

func scoreAtMost(hi, v float64) float64 {
	if v <= hi {
		return 1
	}
	if hi > 0 {
		return hi / v
	}
	return 1 / (1 + v - hi)
}
