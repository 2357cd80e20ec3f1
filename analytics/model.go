// Package analytics holds the domain model of Community Atlas — regions,
// indicators and their targets, observations, facilities and grids — and the
// pure computations over it: roll-ups up the division hierarchy and
// attainment against the targets. It knows nothing of HTTP or SQL.
package analytics

import (
	"encoding/json"
	"time"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb"
)

// Level is a tier of the administrative hierarchy; Hierarchy (levels.go)
// lists them.
type Level string

// The levels, from the top. County stands for every county-level unit
// (县、县级市、区 and the development zone).
const (
	Province  Level = "province"
	City      Level = "city"
	County    Level = "county"
	Township  Level = "township"
	Community Level = "community"
)

// Kind tells urban communities (社区居委会) from rural ones (村委会). Only
// communities have a kind; the targets of the seed document differ by kind.
type Kind string

// The two kinds of community.
const (
	Urban Kind = "urban"
	Rural Kind = "rural"
)

// Region is an administrative division with its boundary.
type Region struct {
	Code       string // official statistical division code, as long as its level's (Hierarchy)
	Name       string
	Level      Level
	Parent     string // code of the parent region, at any higher level; empty for a root
	Kind       Kind   // communities only
	Population int64
	Households int64
	Geometry   orb.MultiPolygon // EPSG:4326 lon/lat
	AreaKM2    float64          // geodesic (ellipsoidal) area
	LabelPoint orb.Point        // a point inside the polygon, for labels
	Generated  bool             // the geometry is generated, not surveyed
}

// Observation is one value of one indicator for one region and period.
type Observation struct {
	Indicator string
	Region    string
	Period    int
	Value     float64
	Batch     int64 // the import batch it came from
}

// FacilityType names a kind of facility.
type FacilityType string

// Facility types known to the service.
const (
	HealthCentre  FacilityType = "health_centre"  // 社区卫生服务中心 / 乡镇卫生院, one per township
	HealthStation FacilityType = "health_station" // 社区卫生服务站 (urban)
	VillageClinic FacilityType = "village_clinic" // 村卫生室 (rural)
	PolicePost    FacilityType = "police_post"    // 社区警务室
	ServiceCentre FacilityType = "service_centre" // 社区(乡镇、县)服务中心
)

// FacilityTypes lists every facility type.
var FacilityTypes = []FacilityType{HealthCentre, HealthStation, VillageClinic, PolicePost, ServiceCentre}

// Valid reports whether t is a known facility type.
func (t FacilityType) Valid() bool {
	for _, x := range FacilityTypes {
		if x == t {
			return true
		}
	}
	return false
}

// Facility is a point of service.
type Facility struct {
	ID          string
	Type        FacilityType
	Name        string
	Point       orb.Point
	FloorAreaM2 float64 // 0 where not recorded
	Region      string  // the region it serves (a community, or a township/county for their centres)
}

// Grid is a cell of grid-based management (网格) within a community.
type Grid struct {
	Code       string
	Community  string
	Households int64
	Worker     string // empty where no grid worker is assigned
	Geometry   orb.MultiPolygon
}

// Batch records one import: every write to a store is one batch.
type Batch struct {
	ID     int64
	Kind   string // boundaries, observations, facilities, grids, seed
	Source string // file name or "seed"
	Rows   int
	At     time.Time
	// User wrote it; empty for the seeds and the command line.
	User string `json:"-"`
	// Report is what the import understood of its file (the importer's
	// report, as JSON), as a dry run of the same file answers it; nil
	// where there is none (seeds). Load leaves it nil: see
	// store.Store.BatchReport. Neither is in a batch's JSON yet: the
	// import's answer carries its report beside the batch.
	Report json.RawMessage `json:"-"`
}

// Dataset is everything a store holds, as loaded into memory.
type Dataset struct {
	Regions      []Region
	Observations []Observation
	Facilities   []Facility
	Grids        []Grid
	Targets      []TargetOverride // per-region targets (annex quotas)
	Batches      []Batch
	// Networks are the road networks, by name.
	Networks []*network.Network
	// Checklist holds the regions' reports on the qualitative
	// requirements (their evidence files described, not held).
	Checklist []ChecklistEntry
}
