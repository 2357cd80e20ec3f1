package network

import (
	"strconv"

	"github.com/paulmach/osm"
)

// Mode is a way of travelling that has a graph of its own: the ways open to
// it and the direction they may be used in.
type Mode uint8

// The modes. Bicycle stands for every two-wheeler on the cycle network
// (bicycles and e-bikes, which differ only in speed; see Query.Speed).
const (
	Walk Mode = iota
	Bicycle
	Car
)

// Modes lists the modes in graph order.
var Modes = [...]Mode{Walk, Bicycle, Car}

// NumModes is the number of modes, the length of Network.Graphs.
const NumModes = len(Modes)

var modeNames = [...]string{"walk", "bicycle", "car"}

func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "mode(" + strconv.Itoa(int(m)) + ")"
}

// wayAccess is what one highway way allows, per mode and direction (forward
// is the order of the way's nodes), and the car's speed each way in km/h.
type wayAccess struct {
	fwd, bwd  [NumModes]bool
	carFwdKmh float64
	carBwdKmh float64
}

// defaultAccess says which highway classes each mode may use when no
// access tag says otherwise: the worldwide defaults of the OSM wiki's
// "OSM tags for routing/Access restrictions", with trunk roads open to
// walking and cycling (they usually are in China, where trunk roads are
// often urban arterials with pavements). Classes not listed (construction,
// proposed, busway, raceway, …) are open to no one.
var defaultAccess = map[string][NumModes]bool{
	"motorway":       {false, false, true},
	"motorway_link":  {false, false, true},
	"trunk":          {true, true, true},
	"trunk_link":     {true, true, true},
	"primary":        {true, true, true},
	"primary_link":   {true, true, true},
	"secondary":      {true, true, true},
	"secondary_link": {true, true, true},
	"tertiary":       {true, true, true},
	"tertiary_link":  {true, true, true},
	"unclassified":   {true, true, true},
	"residential":    {true, true, true},
	"living_street":  {true, true, true},
	"service":        {true, true, true},
	"road":           {true, true, true},
	"track":          {true, true, false},
	"path":           {true, true, false},
	"cycleway":       {false, true, false},
	"footway":        {true, false, false},
	"pedestrian":     {true, false, false},
	"steps":          {true, false, false},
	"corridor":       {true, false, false},
	"platform":       {true, false, false},
	"bridleway":      {false, false, false},
}

// accessKeys are the tags that open or close a way to a mode, from the
// most general to the most specific; the most specific tag with a known
// value decides.
var accessKeys = [NumModes][]string{
	Walk:    {"access", "foot"},
	Bicycle: {"access", "vehicle", "bicycle"},
	Car:     {"access", "vehicle", "motor_vehicle", "motorcar"},
}

// accessValue reads an access tag's value: whether it opens the way, and
// whether the value is one that decides at all. Restrictions that still let
// the traveller through for a purpose (destination, delivery, customers)
// count as open: a resident may use them to reach a clinic. "dismount"
// counts as open too (the cyclist walks the bicycle; the slower pace is not
// modelled).
func accessValue(v string) (open, known bool) {
	switch v {
	case "yes", "designated", "permissive", "destination", "customers", "delivery",
		"official", "discouraged", "permit", "dismount":
		return true, true
	case "no", "private", "agricultural", "forestry", "use_sidepath", "emergency", "military":
		return false, true
	}
	return false, false
}

// access reads a highway way's tags. ok is false when no mode may use it.
func access(tags osm.Tags) (a wayAccess, ok bool) {
	hw := tags.Find("highway")
	def, routable := defaultAccess[hw]
	if !routable || tags.Find("area") == "yes" && hw != "pedestrian" && hw != "footway" {
		return a, false
	}
	for _, m := range Modes {
		open := def[m]
		for _, k := range accessKeys[m] {
			if o, known := accessValue(tags.Find(k)); known {
				open = o
			}
		}
		a.fwd[m], a.bwd[m] = open, open
	}
	carOneway(tags, hw, &a)
	if a.fwd[Car] || a.bwd[Car] {
		a.carFwdKmh, a.carBwdKmh = carSpeeds(tags, hw)
	}
	for _, m := range Modes {
		if a.fwd[m] || a.bwd[m] {
			return a, true
		}
	}
	return a, false
}

// carOneway applies oneway, junction=roundabout and the motorway's implied
// one-way to the car. Walking and cycling use a way both ways: one-way
// streets commonly leave the non-motorised lane open both ways, and OSM's
// oneway:bicycle is too rarely mapped to rely on.
func carOneway(tags osm.Tags, hw string, a *wayAccess) {
	v := tags.Find("oneway")
	switch v {
	case "yes", "true", "1":
		a.bwd[Car] = false
	case "-1", "reverse":
		a.fwd[Car] = false
	case "reversible", "alternating":
		a.fwd[Car], a.bwd[Car] = false, false
	case "no", "false", "0":
	default:
		j := tags.Find("junction")
		if hw == "motorway" || j == "roundabout" || j == "circular" {
			a.bwd[Car] = false
		}
	}
}
