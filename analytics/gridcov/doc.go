// Package gridcov measures how the grids of grid-based management (网格化管理)
// cover their communities, for task 13 of the 2013 notice: "communities
// divided into grids … management down to each household; full coverage
// within the year".
//
// Every measure of a community uses only the grids assigned to it (their
// community code), never a neighbour's:
//
//   - covered: the area of the community inside the union of its grids;
//     only the part inside the community counts. CoveredShare is covered
//     over the community's area.
//   - gaps: the community minus the union of its grids, one Gap per
//     connected polygon, with its area and its estimated households (the
//     community's households × the gap's share of the community's area). A
//     community without grids is one gap per polygon of its boundary.
//   - overlaps: pairs of grids whose interiors meet (grids that only share an
//     edge or a corner do not overlap), each with the whole part the two
//     share; the community's overlap area is the part of the community lying
//     in two or more of its grids.
//   - outside: for each grid, the area of it lying outside its community;
//     OutsideShare is their sum over the grids' total area.
//   - households: HouseholdsCovered is the households recorded in the
//     community's grids, capped at the community's households (the grid
//     register, not an area estimate; the area estimate of what is missing is
//     the gaps' households). Grids are judged against a households-per-grid
//     Band (DefaultBand, 300–500, as such grids are drawn in practice).
//   - unassigned grids: grids without a grid worker.
//
// The task-13 verdict, FullCoverage, holds for a community that has at least
// one grid and a covered share of at least FullCoverShare (99.9%): the 0.1%
// allows for digitising slivers along boundaries, never for a missing grid (a
// grid of 300 households is several per cent of any community). A region
// above a community is fully covered when every community in it is.
//
// # Areas
//
// Areas are ellipsoidal, from geo.Area: each ring is mapped to the authalic
// sphere by a cylindrical equal-area projection and measured there, with
// every edge straight in lon/lat, which is how the overlays (over
// github.com/peterstace/simplefeatures, in lon/lat) draw it. Equal-area
// measurement is exact and needs no projection zone (Nantong straddles the
// 3° Gauss–Krüger zones of 120°E and 123°E, and no Gauss–Krüger plane keeps
// areas); and because an edge keeps its area when an overlay splits it, the
// covered part and the gaps of a community add up to its area to rounding.
// PostGIS ST_Area(geography) takes edges as geodesics instead: on the seed
// communities the two differ by at most 0.02% of a community's area, and by
// a few parts in a hundred million once PostGIS is given lon/lat-straight
// edges (densified) too.
//
// # How it is computed
//
// Most communities are tiled exactly by their grids: the grids were cut from
// the community boundary and share its vertices. For those an exact test
// replaces every overlay: orient the boundary of the community and of each
// grid (shells counter-clockwise, holes clockwise), add the community's
// directed edges and subtract the grids'. If nothing is left, the sum of the
// grids' indicator functions has the same boundary as the community's, so it
// equals the community's indicator everywhere but on edges: no gap, no
// overlap, nothing outside. If what is left are counter-clockwise rings that
// make a valid multipolygon, the same argument makes those rings exactly the
// gaps, with nothing overlapping or outside (one grid missing from an
// otherwise tiled community). Every other community — grids overlapping or
// sticking out, edges split differently on the two sides — goes through the
// overlays: the union of its grids, the differences with the community both
// ways, and, only when the grids' areas add up to more than their union's,
// the pairwise intersections of grids whose bounding boxes meet. Both ways
// are tested against each other and against brute force, and the whole
// against PostGIS.
//
// Coverage of a snapshot is computed once, on first use, in parallel over
// communities, and kept for as long as the snapshot lives (Of).
package gridcov
