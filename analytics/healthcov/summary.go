package healthcov

// Status is a community's place against the 15-minute circle.
type Status string

// The statuses: every resident within the budget, some, none; and a
// community with no residents (or no boundary to place them in).
const (
	Full        Status = "full"
	Partly      Status = "partly"
	None        Status = "none"
	Unpopulated Status = "unpopulated"
)

// fullTolerance absorbs the rounding of summed point weights.
const fullTolerance = 1e-9

// Summary is the coverage of a community, or summed over the communities
// of a region.
type Summary struct {
	Population int64 // residents, from the region records
	// Placed is the residents of communities with a boundary to place them
	// in: the shares are of them. A community without one is unpopulated
	// for the circle (nobody can be placed) but keeps its Population.
	Placed    int64
	Covered   float64 // residents within the budget
	Points    int     // population points
	Estimated int     // points reached, or not, by a straight-line estimate
	// Communities counts the communities summed, by status.
	Communities, Full, Partly, None, Unpopulated int
	Source                                       Source // a community's population points
	modes                                        map[Mode]bool
}

// Share is the covered share of the population, in [0, 1]; false when
// there is no population.
func (s Summary) Share() (float64, bool) {
	if s.Placed <= 0 || s.Points == 0 {
		return 0, false
	}
	return min(s.Covered/float64(s.Placed), 1), true
}

// status is the status of a single community.
func (s Summary) status() Status {
	share, ok := s.Share()
	switch {
	case !ok:
		return Unpopulated
	case share >= 1-fullTolerance:
		return Full
	case share > 0:
		return Partly
	}
	return None
}

func (s *Summary) count(st Status) {
	switch st {
	case Full:
		s.Full++
	case Partly:
		s.Partly++
	case None:
		s.None++
	default:
		s.Unpopulated++
	}
}

func (s *Summary) add(o Summary) {
	s.Population += o.Population
	s.Placed += o.Placed
	s.Covered += o.Covered
	s.Points += o.Points
	s.Estimated += o.Estimated
	s.Communities += o.Communities
	s.Full += o.Full
	s.Partly += o.Partly
	s.None += o.None
	s.Unpopulated += o.Unpopulated
	for m := range o.modes {
		s.modes[m] = true
	}
}

// Status is full when every populated community is fully covered, none
// when no resident is, unpopulated when no community has residents, and
// partly otherwise.
func (s Summary) Status() Status {
	switch {
	case s.Communities == s.Unpopulated:
		return Unpopulated
	case s.Full+s.Unpopulated == s.Communities:
		return Full
	case s.Covered <= 0:
		return None
	}
	return Partly
}

// Meets is the task-2 verdict: every resident of every community lies
// inside the circle. A region without residents meets it trivially.
func (s Summary) Meets() bool { return s.Full+s.Unpopulated == s.Communities }

// MeetingShare is the share of populated communities fully covered, in
// [0, 1]; false when there are none.
func (s Summary) MeetingShare() (float64, bool) {
	n := s.Communities - s.Unpopulated
	if n == 0 {
		return 0, false
	}
	return float64(s.Full) / float64(n), true
}

// Method says how the times were found: on road networks, in straight
// lines (estimates), or both; empty without population points.
func (s Summary) Method() string {
	switch {
	case s.Points == 0:
		return ""
	case s.Estimated == 0:
		return MethodNetwork
	case s.Estimated == s.Points:
		return MethodStraightLine
	}
	return MethodMixed
}

// The methods.
const (
	MethodNetwork      = "network"
	MethodStraightLine = "straight_line"
	MethodMixed        = "mixed"
)
