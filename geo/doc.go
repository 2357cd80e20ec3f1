// Package geo is the generic spatial code of Community Atlas, on lon/lat orb
// geometries in EPSG:4326: ellipsoidal area (Area), label points
// (LabelPoint), OGC validation and repair (Validate, MakeValid), polygon
// overlay (Intersection, Union, Difference, UnionAll), and the helpers for
// partitioning a polygon and writing the parts (Voronoi, SnapRound, Round,
// Orient).
//
// It knows nothing of regions, facilities or grids; the domain packages call
// it. Polygon overlay is delegated to github.com/peterstace/simplefeatures
// (pure Go), because orb has none; ToSF and FromSF convert between the two
// models. Overlays treat lon/lat as a plane, so edges are straight in
// lon/lat; Area measures the same edges, which keeps it additive over the
// parts of a partition.
//
// # Areas of overlays
//
// Overlays run in lon/lat; their results are measured with Area, on the
// WGS84 ellipsoid through an equal-area map to the authalic sphere — not by
// reprojecting to a local plane first. An equal-area map is exact where a
// Gauss–Krüger or UTM plane distorts areas (by up to a few parts in ten
// thousand across a zone, and Nantong straddles two 3° zones), it needs no
// choice of zone or centre, and since it measures the lon/lat-straight edges
// the overlay actually drew, the parts an overlay cuts a polygon into add up
// to the polygon to about 1e-12. PostGIS ST_Area(geography) takes edges as
// geodesics instead; for edges of a few kilometres the two differ by far
// less than 0.01% of a community's area.
package geo
