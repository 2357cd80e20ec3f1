// Package healthcov measures task 2 of the 2013 notice, the 15-minute
// community health service circle: the share of each community's
// residents who can reach a health facility (community health service
// centre or township health centre, health station, village clinic) within
// the time budget, where the rest live, and where new facilities would
// bring the most of them in.
//
// # Residents
//
// Coverage counts people, not area. Each community's population is spread
// over population points: mapped homes where a road network's extract has
// enough inside the community, else points on a lattice inside its
// polygon (see population.go). The Nantong seeds have no homes, so their
// points are generated.
//
// # Travel
//
// Urban communities walk; rural ones travel by a configurable mode
// (bicycle by default; e-bike and car are the others), unless one mode is
// asked for everyone. A point and the facilities reach each other over a
// road network (geo/network) where both lie within MaxSnap of its roads:
// one multi-source search from every facility on the network, the legs
// between a place and its road at the mode's speed. Where no network
// covers a place, the time is the straight-line distance at the mode's
// speed times Detour (1.3), and the answer says it is an estimate; a point
// on a network is also reached in a straight line from facilities that are
// not on that network.
//
// # Verdicts
//
// A community is fully covered when all its residents are inside the
// circle, partly when some are, not at all when none are. Task 2 asks that
// every community be inside the circle: a region meets it when every
// community in it with residents is fully covered (the indicator
// health_circle_15min, yes/no per community, rolled up as the share of
// communities meeting it with a 100% target).
//
// # What-if and siting
//
// WhatIf computes the coverage with facilities added or removed, saving
// nothing. Site picks new sites by greedy maximal covering with lazy
// evaluation: the first site brings the most uncovered residents inside
// the circle, each next one the most of those still outside.
//
// # Isochrones
//
// IsochroneAt and Merged draw the area reached from a place or from every
// facility: the network isochrone (roads reached, buffered) where the place
// is on a network, a disk of the straight-line reach otherwise.
//
// Everything but what-if and siting is computed once per snapshot and
// options, and kept while the snapshot lives.
package healthcov
