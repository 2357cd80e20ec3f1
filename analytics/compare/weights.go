package compare

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// WeightsError is a weights string that cannot be read. It keeps its
// format and arguments (MessageFormat), so that a caller can say it in
// another language.
type WeightsError struct {
	format string
	args   []any
}

func weightsError(format string, args ...any) error { return &WeightsError{format, args} }

func (e *WeightsError) Error() string { return fmt.Sprintf(e.format, e.args...) }

// MessageFormat is the error's format and arguments.
func (e *WeightsError) MessageFormat() (string, []any) { return e.format, e.args }

// ParseWeights reads task weights written as "task:weight,…", for example
// "2:2,13:1.5". The task "*" sets the weight of every task not listed
// ("*:0,2:1,13:1" weighs tasks 2 and 13 only). Weights are finite and
// ≥ 0; tasks are 1–22, each at most once. An empty string gives equal
// weights.
func ParseWeights(s string) (Weights, error) {
	w := EqualWeights()
	if strings.TrimSpace(s) == "" {
		return w, nil
	}
	seen := map[string]bool{}
	for i, part := range strings.Split(s, ",") {
		task, weight, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return w, weightsError("item %d %q is not task:weight", i+1, part)
		}
		task = strings.TrimSpace(task)
		v, err := strconv.ParseFloat(strings.TrimSpace(weight), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return w, weightsError("item %d: weight %q is not a number ≥ 0", i+1, weight)
		}
		if seen[task] {
			return w, weightsError("item %d: task %s is given twice", i+1, task)
		}
		seen[task] = true
		if task == "*" {
			w.Default = v
			continue
		}
		t, err := strconv.Atoi(task)
		if err != nil || t < 1 || t > 22 {
			return w, weightsError("item %d: task %q is not one of the notice's tasks 1–22 or *", i+1, task)
		}
		if w.Task == nil {
			w.Task = map[int]float64{}
		}
		w.Task[t] = v
	}
	return w, nil
}
