package atlas

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/roundcheck"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
)

// The round: an admin opens it, data managers fill in the values of the
// reporting regions inside their own region and submit them, reviewers
// approve or return them, and approval writes the values as an ordinary
// observation batch. Who may do what:
//
//   - a data manager writes the regions inside the region their account is
//     limited to (all of them without a limit);
//   - a reviewer is a user named in the round's reviewers, or limited to a
//     county named there, and reviews the regions inside their own region;
//     an admin without a region limit reviews every region.

// OpenRound records a new round, already checked by the caller.
func (a *Atlas) OpenRound(ctx context.Context, r store.Round) (store.Round, error) {
	if err := a.store.CreateRound(ctx, &r); err != nil {
		return store.Round{}, err
	}
	return r, nil
}

// Round returns a round; store.ErrNoRound.
func (a *Atlas) Round(ctx context.Context, id int64) (store.Round, error) {
	return a.store.GetRound(ctx, id)
}

// Rounds lists the rounds, newest first.
func (a *Atlas) Rounds(ctx context.Context) ([]store.Round, error) { return a.store.ListRounds(ctx) }

// PublishRound marks a round published.
func (a *Atlas) PublishRound(ctx context.Context, id int64, by Actor, at time.Time) (store.Round, error) {
	r, err := a.store.GetRound(ctx, id)
	if err != nil {
		return store.Round{}, err
	}
	if r.Status == store.RoundPublished {
		return store.Round{}, &StateError{Reason: "round %d is published already", Args: []any{id}}
	}
	if err := a.store.PublishRound(ctx, id, by.Name, at); err != nil {
		return store.Round{}, err
	}
	return a.store.GetRound(ctx, id)
}

// Cell is one value of a sheet: the value entered (nil when none), its
// reason, last year's published value, whether the change needs a reason,
// and what is wrong with it ("" when nothing).
type Cell struct {
	Value   *float64 `json:"value"`
	Reason  string   `json:"reason,omitempty"`
	Last    *float64 `json:"last"`
	Flagged bool     `json:"flagged,omitempty"`
	Problem string   `json:"problem,omitempty"`
	// message is Problem, to be said in another language (see Say).
	message msg.Message
}

// SheetRow is one reporting region of a round with its submission.
type SheetRow struct {
	Region       string          `json:"region"`
	Name         string          `json:"name"`
	Township     string          `json:"township"`
	TownshipName string          `json:"township_name"`
	County       string          `json:"county"`
	Status       string          `json:"status"`
	Comment      string          `json:"comment,omitempty"`
	Batch        int64           `json:"batch,omitempty"`
	Cells        map[string]Cell `json:"cells"`
}

// Sheet is a round's rows for one user, and the median absolute change of
// each indicator over every region reporting it.
type Sheet struct {
	Round   store.Round        `json:"-"`
	Rows    []SheetRow         `json:"rows"`
	Medians map[string]float64 `json:"medians"`
}

// Say puts every cell's problem in l.
func (sh *Sheet) Say(l msg.Lang) {
	for _, row := range sh.Rows {
		for ind, c := range row.Cells {
			if c.message.Format != "" {
				c.Problem = c.message.In(l)
				row.Cells[ind] = c
			}
		}
	}
}

// CellProblem is one cell that keeps a submission back.
type CellProblem struct {
	// Sheet, Row and Column place the cell in an uploaded template.
	Sheet     string `json:"sheet,omitempty"`
	Row       int    `json:"row,omitempty"`
	Column    string `json:"column,omitempty"`
	Region    string `json:"region"`
	Indicator string `json:"indicator"`
	Why       string `json:"why"`
	// Message is Why, to be said in the request's language.
	Message msg.Message `json:"-"`
}

// SubmitError lists every cell that keeps the submission back; nothing was
// submitted.
type SubmitError struct{ Cells []CellProblem }

func (e *SubmitError) Error() string { return e.In(msg.EN) }

// In says the error in l.
func (e *SubmitError) In(l msg.Lang) string {
	return msg.New("%d cells keep the submission back; nothing was submitted", len(e.Cells)).In(l)
}

// reportingRegions are the regions of the round's level inside within
// (every one when within is empty), by code.
func reportingRegions(s *analytics.Snapshot, r store.Round, within string) []*analytics.Region {
	var out []*analytics.Region
	for _, reg := range s.Select(analytics.Level(r.Level), "") {
		if within == "" || s.Within(reg.Code, within) {
			out = append(out, reg)
		}
	}
	return out
}

// ancestor is the code of reg's ancestor at level (reg itself at it).
func ancestor(s *analytics.Snapshot, reg *analytics.Region, level analytics.Level) *analytics.Region {
	for r := reg; r != nil; {
		if r.Level == level {
			return r
		}
		p, ok := s.Region(r.Parent)
		if !ok {
			return nil
		}
		r = p
	}
	return nil
}

// Sheet builds the rows of round id for the regions inside within (the
// caller's region or a narrower one), with the flags computed over every
// region of the round.
func (a *Atlas) Sheet(ctx context.Context, id int64, within string) (*Sheet, error) {
	r, err := a.store.GetRound(ctx, id)
	if err != nil {
		return nil, err
	}
	subs, err := a.store.Submissions(ctx, id)
	if err != nil {
		return nil, err
	}
	vals, err := a.store.RoundValues(ctx, id)
	if err != nil {
		return nil, err
	}
	return buildSheet(a.Snapshot(), r, subs, vals, within), nil
}

type regionInd struct{ region, indicator string }

func buildSheet(s *analytics.Snapshot, r store.Round, subs []store.Submission, vals []store.RoundValue, within string) *Sheet {
	byRegion := map[string]store.Submission{}
	for _, sub := range subs {
		byRegion[sub.Region] = sub
	}
	entered := map[regionInd]store.RoundValue{}
	for _, v := range vals {
		entered[regionInd{v.Region, v.Indicator}] = v
	}
	sh := &Sheet{Round: r, Medians: medians(s, r, vals)}
	for _, reg := range reportingRegions(s, r, within) {
		row := SheetRow{Region: reg.Code, Name: reg.Name, Status: store.NotStarted, Cells: map[string]Cell{}}
		if t := ancestor(s, reg, analytics.Township); t != nil {
			row.Township, row.TownshipName = t.Code, t.Name
		}
		if c := ancestor(s, reg, analytics.County); c != nil {
			row.County = c.Code
		}
		if sub, ok := byRegion[reg.Code]; ok {
			row.Status, row.Comment, row.Batch = sub.Status, sub.Comment, sub.Batch
		}
		for _, ind := range r.Indicators {
			row.Cells[ind] = sh.cell(s, reg.Code, ind, entered)
		}
		sh.Rows = append(sh.Rows, row)
	}
	return sh
}

func (sh *Sheet) cell(s *analytics.Snapshot, region, ind string, entered map[regionInd]store.RoundValue) Cell {
	var c Cell
	if last, ok := s.Reported(ind, region, sh.Round.Period-1); ok {
		c.Last = &last
	}
	v, ok := entered[regionInd{region, ind}]
	if !ok {
		return c
	}
	c.Value, c.Reason = &v.Value, v.Reason
	if i, ok := s.Catalogue.Indicator(ind); ok {
		if format, args := roundcheck.Problem(i, v.Value); format != "" {
			c.message = msg.New(format, args...)
			c.Problem = c.message.In(msg.EN)
		}
	}
	if c.Last != nil {
		c.Flagged = roundcheck.Flagged(v.Value, *c.Last, sh.Medians[ind])
	}
	return c
}

// medians is, per indicator, the median absolute change from last year of
// every region with a value in the round and one last year.
func medians(s *analytics.Snapshot, r store.Round, vals []store.RoundValue) map[string]float64 {
	changes := map[string][]float64{}
	for _, v := range vals {
		if last, ok := s.Reported(v.Indicator, v.Region, r.Period-1); ok {
			changes[v.Indicator] = append(changes[v.Indicator], v.Value-last)
		}
	}
	out := map[string]float64{}
	for _, ind := range r.Indicators {
		out[ind] = roundcheck.MedianAbsChange(changes[ind])
	}
	return out
}

// SaveDraft replaces the values of each region in rows (a region's whole
// set: a cell left out is cleared) and makes its submission a draft. The
// regions must be reporting regions inside the writer's region, not
// submitted or approved; all are saved or none.
func (a *Atlas) SaveDraft(ctx context.Context, id int64, rows map[string][]store.RoundValue, by Actor, at time.Time) error {
	a.writes.Lock()
	defer a.writes.Unlock()
	r, err := a.openRound(ctx, id)
	if err != nil {
		return err
	}
	s := a.Snapshot()
	codes := sortedKeys(rows)
	for _, code := range codes {
		if err := canReport(s, r, code, by); err != nil {
			return err
		}
		for _, v := range rows[code] {
			if !slices.Contains(r.Indicators, v.Indicator) {
				return &InputError{Field: "indicator", Message: msg.New("indicator %q is not one of round %d's: %v", v.Indicator, id, r.Indicators)}
			}
		}
	}
	subs, err := a.store.Submissions(ctx, id)
	if err != nil {
		return err
	}
	from := []string{store.NotStarted, store.Draft, store.Returned}
	for _, code := range codes { // refuse before writing any
		if st := statusOf(subs, code); !slices.Contains(from, st) {
			return &store.StatusConflict{Region: code, Status: st, To: store.Draft, From: from}
		}
	}
	// One transaction for all: a township's twenty rows or a city's two
	// thousand are saved together or not at all.
	ts := make([]store.Transition, 0, len(codes))
	for _, code := range codes {
		vs := rows[code]
		if vs == nil {
			vs = []store.RoundValue{}
		}
		ts = append(ts, store.Transition{Round: id, Region: code, From: from, To: store.Draft, User: by.Name, At: at, Values: vs})
	}
	return a.store.Moves(ctx, ts)
}

// Submit submits the regions given (every draft or returned region inside
// the writer's region when none), once every cell of each passes the
// checks: filled, in range, whole for counts, a reason for a flagged
// change. One failing cell keeps them all back (SubmitError).
func (a *Atlas) Submit(ctx context.Context, id int64, regions []string, by Actor, at time.Time) ([]string, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	r, err := a.openRound(ctx, id)
	if err != nil {
		return nil, err
	}
	sh, err := a.Sheet(ctx, id, by.Region)
	if err != nil {
		return nil, err
	}
	s := a.Snapshot()
	from := []string{store.Draft, store.Returned}
	var todo []SheetRow
	for _, row := range sh.Rows {
		if len(regions) == 0 && slices.Contains(from, row.Status) || slices.Contains(regions, row.Region) {
			todo = append(todo, row)
		}
	}
	for _, code := range regions {
		if err := canReport(s, r, code, by); err != nil {
			return nil, err
		}
	}
	if len(todo) == 0 {
		return nil, &StateError{Reason: "nothing to submit: no region in draft or returned"}
	}
	var bad []CellProblem
	for _, row := range todo {
		if !slices.Contains(from, row.Status) {
			return nil, &store.StatusConflict{Region: row.Region, Status: row.Status, To: store.Submitted, From: from}
		}
		bad = append(bad, rowProblems(r, row)...)
	}
	if len(bad) > 0 {
		return nil, &SubmitError{Cells: bad}
	}
	var done []string
	for _, row := range todo {
		if _, err := a.store.Move(ctx, store.Transition{Round: id, Region: row.Region, From: from, To: store.Submitted,
			User: by.Name, At: at}); err != nil {
			return done, err
		}
		done = append(done, row.Region)
	}
	return done, nil
}

// rowProblems are the cells of row that keep it from being submitted.
func rowProblems(r store.Round, row SheetRow) []CellProblem {
	var out []CellProblem
	for _, ind := range r.Indicators {
		c := row.Cells[ind]
		var m msg.Message
		switch {
		case c.Value == nil:
			m = msg.New("no value")
		case c.Problem != "":
			m = c.message
		case c.Flagged && c.Reason == "":
			m = msg.New("the change from last year's %g to %g is more than %g times the median change of all regions: give a one-line reason", *c.Last, *c.Value, roundcheck.Factor)
		default:
			continue
		}
		out = append(out, CellProblem{Region: row.Region, Indicator: ind, Why: m.In(msg.EN), Message: m})
	}
	return out
}

// Review approves or returns (with a comment) every submitted region
// inside code (a township, a community, or a county), as a reviewer of the
// round. Approval writes their values as one observation batch, whose id
// each submission keeps. It answers the regions moved and the batch.
func (a *Atlas) Review(ctx context.Context, id int64, code string, approve bool, comment string, by Actor, at time.Time) ([]string, int64, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	r, err := a.openRound(ctx, id)
	if err != nil {
		return nil, 0, err
	}
	s := a.Snapshot()
	if _, ok := s.Region(code); !ok {
		return nil, 0, &InputError{Field: "region", Message: msg.New("region %q does not exist", code)}
	}
	if err := canReviewRound(s, r, code, by); err != nil {
		return nil, 0, err
	}
	sh, err := a.Sheet(ctx, id, code)
	if err != nil {
		return nil, 0, err
	}
	var regions []string
	cs := &store.Changeset{Kind: "observations", Source: fmt.Sprintf("round %d (%d) %s", id, r.Period, code), User: by.Name}
	for _, row := range sh.Rows {
		if row.Status != store.Submitted {
			continue
		}
		regions = append(regions, row.Region)
		for _, ind := range r.Indicators {
			if c := row.Cells[ind]; c.Value != nil {
				cs.Observations = append(cs.Observations, analytics.Observation{Indicator: ind, Region: row.Region, Period: r.Period, Value: *c.Value})
			}
		}
	}
	if len(regions) == 0 {
		return nil, 0, &StateError{Reason: "no submitted region inside %s to review", Args: []any{code}}
	}
	if !approve {
		for _, code := range regions {
			if _, err := a.store.Move(ctx, store.Transition{Round: id, Region: code, From: []string{store.Submitted}, To: store.Returned,
				User: by.Name, At: at, Comment: comment}); err != nil {
				return nil, 0, err
			}
		}
		return regions, 0, nil
	}
	if err := checkScope(s, by.Region, cs); err != nil {
		return nil, 0, err
	}
	// The values and the approvals are one write: a failure leaves the
	// submissions submitted and nothing published.
	for _, code := range regions {
		cs.Transitions = append(cs.Transitions, store.Transition{Round: id, Region: code, From: []string{store.Submitted},
			To: store.Approved, User: by.Name, At: at, Comment: comment})
	}
	res, err := a.apply(ctx, cs)
	if err != nil {
		return nil, 0, err
	}
	batch := res.Batch.ID
	return regions, batch, nil
}

// openRound is round id if it is still open.
func (a *Atlas) openRound(ctx context.Context, id int64) (store.Round, error) {
	r, err := a.store.GetRound(ctx, id)
	if err != nil {
		return store.Round{}, err
	}
	if r.Status != store.RoundOpen {
		return store.Round{}, &StateError{Reason: "round %d is %s: nothing in it can change", Args: []any{id, r.Status}}
	}
	return r, nil
}

// canReport: code is a reporting region of r inside the writer's region.
func canReport(s *analytics.Snapshot, r store.Round, code string, by Actor) error {
	reg, ok := s.Region(code)
	if !ok || string(reg.Level) != r.Level {
		return &InputError{Field: "region", Message: msg.New("region %q is not a %s, which round %d is reported by", code, analytics.Level(r.Level), r.ID)}
	}
	if by.Region != "" && !s.Within(code, by.Region) {
		return Forbidden(fmt.Sprintf("your account is limited to region %s; region %s lies outside it", by.Region, code))
	}
	return nil
}

// canReviewRound applies the reviewer rule (see the top of this file) to
// reviewing the regions inside code.
func canReviewRound(s *analytics.Snapshot, r store.Round, code string, by Actor) error {
	named := slices.Contains(r.Reviewers, by.Name) || (by.Region != "" && slices.Contains(r.Reviewers, by.Region))
	if !named && !(by.Region == "" && by.Admin) {
		return Forbidden(fmt.Sprintf("you are not a reviewer of round %d (its reviewers: %v)", r.ID, r.Reviewers))
	}
	if by.Region != "" {
		if reg, ok := s.Region(by.Region); !ok || reg.Level != analytics.County {
			return Forbidden(fmt.Sprintf("reviewers are limited to a county; your account is limited to %s", by.Region))
		}
		if !s.Within(code, by.Region) {
			return Forbidden(fmt.Sprintf("your account is limited to county %s; region %s lies outside it", by.Region, code))
		}
	}
	return nil
}

// CanReview reports whether by reviews round r at all.
func CanReview(s *analytics.Snapshot, r store.Round, by Actor) bool {
	if by.Region == "" {
		return by.Admin || slices.Contains(r.Reviewers, by.Name)
	}
	return canReviewRound(s, r, by.Region, by) == nil
}

func statusOf(subs []store.Submission, code string) string {
	for _, s := range subs {
		if s.Region == code {
			return s.Status
		}
	}
	return store.NotStarted
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// InputError is a request whose content cannot be used: Field names what,
// the message why.
type InputError struct {
	Field string
	msg.Message
}

func (e *InputError) Error() string { return e.String() }
