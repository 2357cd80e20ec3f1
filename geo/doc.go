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
package geo
