package analytics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// ChecklistItem is one requirement of the notice that is not a number ("a
// coordinating body is set up", "emergency plans are in place"): each region
// of its level reports whether it has been carried out.
type ChecklistItem struct {
	ID          string   `json:"id"`
	Task        int      `json:"task"`
	Level       Level    `json:"level"` // the level whose regions report it
	Text        Text     `json:"text"`  // as the notice words it, and in English
	Departments []string `json:"departments"`
}

// Checklist is the validated catalogue of the notice's qualitative
// requirements (seeds/checklist.json).
type Checklist struct {
	Source string          `json:"source"`
	Items  []ChecklistItem `json:"items"`
	byID   map[string]int
}

// ParseChecklist reads and validates a checklist in the JSON form of
// seeds/checklist.json against the indicator catalogue: departments must be
// the catalogue's, ids must not clash with its indicators, and every one of
// the notice's tasks (numbered from 1 to the highest number an indicator or
// item gives; 22 in Nantong's) must be covered by an indicator or an item.
func ParseChecklist(data []byte, cat *Catalogue) (*Checklist, error) {
	var c Checklist
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("checklist: %w", err)
	}
	c.byID = make(map[string]int, len(c.Items))
	for i := range c.Items {
		it := &c.Items[i]
		if err := validateItem(it, cat); err != nil {
			return nil, fmt.Errorf("checklist: item %d (%q): %w", i+1, it.ID, err)
		}
		if _, dup := c.byID[it.ID]; dup {
			return nil, fmt.Errorf("checklist: item %d: duplicate id %q", i+1, it.ID)
		}
		c.byID[it.ID] = i
	}
	covered, tasks := map[int]bool{}, 0
	for _, t := range cat.Tasks() {
		covered[t], tasks = true, max(tasks, t)
	}
	for _, it := range c.Items {
		covered[it.Task], tasks = true, max(tasks, it.Task)
	}
	for t := 1; t <= tasks; t++ {
		if !covered[t] {
			return nil, fmt.Errorf("checklist: task %d has neither an indicator nor a checklist item", t)
		}
	}
	return &c, nil
}

func validateItem(it *ChecklistItem, cat *Catalogue) error {
	switch {
	case it.ID == "":
		return fmt.Errorf("id is empty")
	case it.Task < 1:
		return fmt.Errorf("task %d is not a task number (from 1)", it.Task)
	case it.Text.ZH == "" || it.Text.EN == "":
		return fmt.Errorf("text needs both zh and en")
	case it.Level != County && it.Level != Township && it.Level != Community:
		return fmt.Errorf("level %q is not county, township or community", it.Level)
	case len(it.Departments) == 0:
		return fmt.Errorf("no responsible department")
	}
	if _, clash := cat.Indicator(it.ID); clash {
		return fmt.Errorf("id is also an indicator's")
	}
	for _, d := range it.Departments {
		if _, ok := cat.Departments[d]; !ok {
			return fmt.Errorf("department %q is not in the departments table", d)
		}
	}
	return nil
}

// Item returns the item with the given id.
func (c *Checklist) Item(id string) (*ChecklistItem, bool) {
	i, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return &c.Items[i], true
}

// Tasks lists the task numbers that have items, ascending.
func (c *Checklist) Tasks() []int {
	var out []int
	for _, it := range c.Items {
		if !slices.Contains(out, it.Task) {
			out = append(out, it.Task)
		}
	}
	slices.Sort(out)
	return out
}

// ChecklistStatus is how far a region has carried out an item.
type ChecklistStatus string

// The statuses of an item.
const (
	NotStarted ChecklistStatus = "not_started"
	InProgress ChecklistStatus = "in_progress"
	Done       ChecklistStatus = "done"
)

// Valid reports whether s is one of the statuses.
func (s ChecklistStatus) Valid() bool { return s == NotStarted || s == InProgress || s == Done }

// ReviewState is where the review of an entry stands. Every change to the
// status or the evidence sets it back to pending.
type ReviewState string

// The review states.
const (
	ReviewPending  ReviewState = "pending"
	ReviewApproved ReviewState = "approved"
	ReviewReturned ReviewState = "returned" // sent back to the region to redo
)

// Valid reports whether r is one of the review states.
func (r ReviewState) Valid() bool {
	return r == ReviewPending || r == ReviewApproved || r == ReviewReturned
}

// EvidenceFile describes a file uploaded as evidence. Data is carried only
// on the way into the store; snapshots keep the description alone.
type EvidenceFile struct {
	Name   string `json:"name"`
	Type   string `json:"type"` // the content type it is served with
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // hex
	Data   []byte `json:"-"`
}

// ChecklistEntry is one region's report on one item for one year.
type ChecklistEntry struct {
	Item      string          `json:"item"`
	Region    string          `json:"region"`
	Period    int             `json:"period"`
	Status    ChecklistStatus `json:"status"`
	Evidence  string          `json:"evidence"` // free text
	Link      string          `json:"link"`     // an http(s) address, or empty
	File      *EvidenceFile   `json:"file"`
	UpdatedBy string          `json:"updated_by"`
	UpdatedAt time.Time       `json:"updated_at"`
	Review    ReviewState     `json:"review"`
	Reviewer  string          `json:"reviewer"` // empty until reviewed
	// ReviewNote says why an entry was returned (or anything the reviewer
	// adds on approval).
	ReviewNote string     `json:"review_note"`
	ReviewedAt *time.Time `json:"reviewed_at"`
}

// ChecklistKey identifies an entry.
type ChecklistKey struct {
	Item   string
	Region string
	Period int
}

// Key is the entry's key.
func (e *ChecklistEntry) Key() ChecklistKey { return ChecklistKey{e.Item, e.Region, e.Period} }
