package brief

import (
	"time"

	"github.com/paulmach/orb"
)

// Brief is everything one brief shows, computed.
type Brief struct {
	Code      string
	Name      string
	Level     string // the level's Chinese name: 区县, 镇（街道）, 村（社区）
	Parent    string // the parent region's name; "" for the city
	Period    int
	Headline  Headline
	Weakest   []Shortfall  // at most five, weakest first
	Depts     []Department // lagging first
	Map       Map
	Version   string    // the data version (the snapshot's ETag key)
	Generated time.Time // when the brief was made
}

// Headline is the brief's first line of figures.
type Headline struct {
	Met, Judged int // indicators meeting their target, of those judged
	Rank, Peers int // composite-index rank among the peers; Rank 0 when unranked
	PeerGroup   string
	Previous    int // the previous period with data; 0 when none
	PrevMet     int
	PrevJudged  int
}

// Shortfall is one indicator the region misses.
type Shortfall struct {
	ID          string // the indicator's id
	Name        string
	Unit        string // the catalogue's unit at the region's level
	Value       float64
	Target      float64
	Comparator  string // ge, le or range
	Gap         float64
	Score       float64 // 0–1, the composite index's score of the value
	Departments []string
}

// Department is one department's share of judged cells met.
type Department struct {
	Name        string
	Met, Judged int
}

// Map is the choropleth with the coverage gaps, in EPSG:4326 lon/lat.
type Map struct {
	Indicator  string // the indicator's name
	Unit       string
	Areas      []Area
	Outline    orb.MultiPolygon // the region itself
	HealthGaps []orb.Polygon    // residents outside the 15-minute health circle
	GridGaps   []orb.Polygon    // ground no management grid covers
	Legend     []LegendEntry
	Uncovered  float64 // residents outside the health circle
	GapArea    float64 // km² without a grid
}

// Area is one child region, coloured by its class.
type Area struct {
	Name     string
	Geometry orb.MultiPolygon
	Label    orb.Point
	Colour   string
}

// LegendEntry is one class of the choropleth.
type LegendEntry struct {
	Label  string
	Colour string
}
