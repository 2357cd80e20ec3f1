package network

import (
	"strconv"
	"strings"

	"github.com/paulmach/osm"
)

// Speeds of the modes, in km/h.
const (
	// WalkKmh is 1000 m in 15 minutes, the upper end of the 800–1000 m
	// that GB 50180-2018 reads as a 15-minute walk.
	WalkKmh = 4.0
	// BicycleKmh is an unhurried urban cycling pace.
	BicycleKmh = 15.0
)

// carKmh is the car's speed by highway class where no maxspeed is mapped:
// typical free-flow speeds, of the order routing engines use (the OSRM car
// profile's table, rounded down a little for mixed traffic).
var carKmh = map[string]float64{
	"motorway":       90,
	"motorway_link":  45,
	"trunk":          80,
	"trunk_link":     40,
	"primary":        60,
	"primary_link":   30,
	"secondary":      50,
	"secondary_link": 25,
	"tertiary":       40,
	"tertiary_link":  20,
	"unclassified":   30,
	"residential":    25,
	"living_street":  10,
	"service":        15,
	"road":           25,
}

// defaultCarKmh is for a class open to cars by an access tag but not in
// carKmh (a track with motor_vehicle=yes, say).
const defaultCarKmh = 15

// carSpeeds returns the car's speed forwards and backwards: maxspeed (or
// maxspeed:forward / maxspeed:backward) where mapped and readable, else the
// class's speed.
func carSpeeds(tags osm.Tags, hw string) (fwd, bwd float64) {
	def, ok := carKmh[hw]
	if !ok {
		def = defaultCarKmh
	}
	if v, ok := parseMaxspeed(tags.Find("maxspeed")); ok {
		def = v
	}
	fwd, bwd = def, def
	if v, ok := parseMaxspeed(tags.Find("maxspeed:forward")); ok {
		fwd = v
	}
	if v, ok := parseMaxspeed(tags.Find("maxspeed:backward")); ok {
		bwd = v
	}
	return fwd, bwd
}

// parseMaxspeed reads a maxspeed value in km/h: "50", "50 km/h", "30 mph",
// "10 knots", "walk"; of a list ("50;70") the first. Zone codes ("DE:urban"),
// "none", "signals" and anything unreadable or outside 1–200 km/h are not
// speeds.
func parseMaxspeed(v string) (float64, bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	if v == "walk" {
		return 5, true
	}
	factor := 1.0
	for _, u := range []struct {
		suffix string
		factor float64
	}{{"km/h", 1}, {"kmh", 1}, {"kph", 1}, {"mph", 1.609344}, {"knots", 1.852}} {
		if strings.HasSuffix(v, u.suffix) {
			v, factor = strings.TrimSpace(strings.TrimSuffix(v, u.suffix)), u.factor
			break
		}
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, false
	}
	x *= factor
	if !(x >= 1 && x <= 200) {
		return 0, false
	}
	return x, true
}
