package healthcov

import (
	"fmt"
	"slices"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
)

// Mode is how residents travel to a clinic.
type Mode string

// The travel modes. Bicycle and e-bike share the cycle network and differ
// in speed.
const (
	Walk    Mode = "walk"
	Bicycle Mode = "bicycle"
	EBike   Mode = "ebike"
	Car     Mode = "car"
)

// Modes lists the travel modes.
var Modes = []Mode{Walk, Bicycle, EBike, Car}

// Valid reports whether m is a travel mode.
func (m Mode) Valid() bool { return slices.Contains(Modes, m) }

// Speeds are the speeds of the modes in km/h. Walking, cycling and e-bike
// speeds are their speeds on the road network, off it (the leg between a
// place and its road) and in straight-line estimates. The car's speeds on
// the network come from the roads; Car is its speed off the network and in
// straight-line estimates, a mean over stops and junctions.
type Speeds struct {
	Walk, Bicycle, EBike, Car float64
}

// DefaultSpeeds: walking 1000 m per 15 minutes (GB 50180-2018's 15-minute
// walk of 800–1000 m, its upper end), cycling 15 km/h, e-bikes 20 km/h
// (below the 25 km/h that GB 17761-2018 caps them at), cars 30 km/h.
var DefaultSpeeds = Speeds{Walk: 4, Bicycle: 15, EBike: 20, Car: 30}

// Of returns the speed of mode m.
func (s Speeds) Of(m Mode) float64 {
	switch m {
	case Walk:
		return s.Walk
	case Bicycle:
		return s.Bicycle
	case EBike:
		return s.EBike
	}
	return s.Car
}

// graph returns the network graph mode m travels on, and the speed a
// network query runs at (0 for the car, whose speeds are the roads').
func (s Speeds) graph(m Mode) (network.Mode, float64) {
	switch m {
	case Walk:
		return network.Walk, s.Walk
	case Bicycle, EBike:
		return network.Bicycle, s.Of(m)
	}
	return network.Car, 0
}

// Detour is the ratio of the road distance to the straight-line distance
// used where no network covers a place. Road distances between points are
// typically 1.2–1.4 times the straight line: Ballou, Rahardja and Sakai
// (2002, "Selected country circuity factors for road travel distance
// estimation", Transportation Research Part A 36(9)) report country means
// from about 1.12 to 1.65, most between 1.2 and 1.4, and street-network
// studies of walking trips find similar route directness. 1.3 is the middle
// of that range, and close to what the imported extracts show: the median
// walking detour between junctions 0.5–3 km apart is 1.33 on the Andorra
// extract and 1.34 on the Delaware one. An estimate says it is one.
const Detour = 1.3

// MaxSnap is how far, in metres, a place may lie from the nearest road of
// a network and still be reached over it. Farther places are treated as
// off the network and estimated in a straight line. At walking speed
// 1000 m is a whole 15-minute budget, so no place beyond it could be
// reached on foot anyway.
const MaxSnap = 1000.0

// HealthTypes are the facility types of task 2's health service circle:
// community health service centres and township health centres, health
// stations and village clinics.
var HealthTypes = []analytics.FacilityType{analytics.HealthCentre, analytics.HealthStation, analytics.VillageClinic}

// MaxMinutes is the largest time budget.
const MaxMinutes = 120

// Options say what a coverage is computed for.
type Options struct {
	Minutes float64 // the time budget; default 15
	// Mode, when set, is how everyone travels; else urban communities
	// walk and rural ones travel by RuralMode.
	Mode      Mode
	RuralMode Mode // default Bicycle
	Types     []analytics.FacilityType
	Speeds    Speeds
}

// ParamError is an option or input that cannot be used, naming it. It
// keeps the reason's format and arguments (MessageFormat), so that a
// caller can say the reason in another language.
type ParamError struct {
	Param  string
	Reason string
	format string
	args   []any
}

func (e *ParamError) Error() string { return e.Param + ": " + e.Reason }

// MessageFormat is the reason's format and arguments.
func (e *ParamError) MessageFormat() (string, []any) { return e.format, e.args }

func paramError(param, format string, args ...any) error {
	return &ParamError{Param: param, Reason: fmt.Sprintf(format, args...), format: format, args: args}
}

// normal fills the defaults in and checks the options.
func (o Options) normal() (Options, error) {
	if o.Minutes == 0 {
		o.Minutes = 15
	}
	if o.RuralMode == "" {
		o.RuralMode = Bicycle
	}
	if len(o.Types) == 0 {
		o.Types = HealthTypes
	}
	if o.Speeds == (Speeds{}) {
		o.Speeds = DefaultSpeeds
	}
	switch {
	case !(o.Minutes > 0 && o.Minutes <= MaxMinutes):
		return o, paramError("minutes", "%g is not more than 0 and at most %d", o.Minutes, MaxMinutes)
	case o.Mode != "" && !o.Mode.Valid():
		return o, paramError("mode", "%q is not one of %v", o.Mode, Modes)
	case !o.RuralMode.Valid():
		return o, paramError("rural_mode", "%q is not one of %v", o.RuralMode, Modes)
	}
	for _, m := range Modes {
		if v := o.Speeds.Of(m); !(v >= 1 && v <= 150) {
			return o, paramError("speed", "%s at %g km/h is not from 1 to 150 km/h", m, v)
		}
	}
	for _, t := range o.Types {
		if !t.Valid() {
			return o, paramError("facility_types", "%q is not one of %v", t, analytics.FacilityTypes)
		}
	}
	o.Types = slices.Clone(o.Types)
	slices.Sort(o.Types)
	o.Types = slices.Compact(o.Types)
	return o, nil
}

// modeOf is the mode a community's residents travel by.
func (o Options) modeOf(r *analytics.Region) Mode {
	if o.Mode != "" {
		return o.Mode
	}
	if r.Kind == analytics.Urban {
		return Walk
	}
	return o.RuralMode
}

// budget is the time budget in seconds.
func (o Options) budget() float64 { return o.Minutes * 60 }

// key identifies the options in a cache.
func (o Options) key() string {
	types := make([]string, len(o.Types))
	for i, t := range o.Types {
		types[i] = string(t)
	}
	return fmt.Sprintf("%g|%s|%s|%s|%v", o.Minutes, o.Mode, o.RuralMode, strings.Join(types, ","), o.Speeds)
}

// counts reports whether a facility of type t counts.
func (o Options) counts(t analytics.FacilityType) bool { return slices.Contains(o.Types, t) }
