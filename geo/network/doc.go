// Package network builds road networks from OpenStreetMap extracts and
// answers travel-time questions on them: which places are reached from a
// set of points within a time budget, by walking, cycling or driving, and
// the isochrone polygon of what was reached. It knows nothing of regions or
// facilities.
//
// # Import
//
// ReadFrom (and Read, for an extract in memory) takes an extract as PBF or
// XML (plain, bzip2 or gzip; the format is told by content, then by file
// name) through github.com/paulmach/osm, in two passes over the file: the
// ways first, then only the nodes those ways use, so that memory follows
// the roads and not the buildings, fields and water that make up most of
// a province's nodes. Ways with a highway=* tag are cut into segments
// at junctions (nodes used twice or more) and at their ends; a closed way
// is also cut in the middle so that no segment is a loop, and a way is cut
// where it references a node missing from the extract, as ways crossing an
// extract's border do. Graph nodes are the junctions; each segment keeps
// its geometry and its geodesic length.
//
// With a clip box, segments that do not meet it (no point inside and no
// straight piece crossing it) are dropped after the cut, so the segments
// kept are those of the whole network; homes outside it are dropped too.
//
// Access per mode follows the tags: highway class defaults (see
// defaultAccess), overridden by access, then foot (walking); access,
// vehicle, bicycle (cycling); access, vehicle, motor_vehicle, motorcar
// (driving), the most specific tag with a known value deciding. One-way
// restrictions (oneway=yes/1/true, -1/reverse, reversible; the one-way
// implied by junction=roundabout or circular and by highway=motorway) apply
// to cars only. Walking costs length over 4 km/h (1000 m per 15 minutes),
// cycling over 15 km/h; a Query may change either speed. Cars go at
// maxspeed (maxspeed:forward / :backward per direction) where mapped, else
// at the class's speed (see carKmh). Barriers, turn restrictions, slopes and
// traffic signals are not modelled.
//
// Each mode's graph keeps only its largest strongly connected component,
// so that a search from anywhere on it can reach, and return from,
// everywhere on it; Graph.Dropped says how much that left out.
//
// Homes — buildings of residential types (house, apartments, residential,
// detached, terrace, …), a point per node or the mean of an outline's
// nodes — are kept for the population models of callers.
//
// # Graphs
//
// A graph is held in compressed sparse row form: per node an offset into
// arrays of target nodes, costs in seconds and segment ids. Networks are
// stored as those arrays (Encode, Decode) and loaded as they are.
//
// # Searches
//
// Points are placed on the nearest segment of the mode's graph (Snap,
// through a uniform grid index of segments), and the leg between the point
// and the road counts at a speed the caller gives. ShortestTimes is
// Dijkstra's algorithm over the CSR arrays with a binary heap, from all
// sources at once and bounded by the budget; Search starts it from snapped
// points, each reaching the two ends of its segment, and Reach answers the
// time to any other snapped point, including along a segment shared with an
// origin.
//
// # Isochrones
//
// An isochrone is the union of the road reached — whole segments, and
// segments cut at the fraction where the budget runs out — and of the
// origins' legs to the road, buffered by Buffer (50 m), unioned on a 10 m
// raster (geo/raster). Buffered reachable roads were chosen over a concave
// or alpha hull of the reached nodes: a hull needs a tuning parameter that
// changes its shape, and spans rivers, railways and blocks that no street
// enters; the buffer shows the places a street actually serves.
package network
