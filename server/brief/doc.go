// Package brief renders the leader's brief: one A4 page in Chinese for a
// region and a year, as a PDF and as a print-ready HTML page. The page holds
// the region's map (a choropleth of one indicator over its child regions,
// with the gaps in the 15-minute health circle and in grid coverage), the
// headline (targets met of judged, rank among peers, change since the year
// before), the five weakest indicators with their departments and gaps, the
// departments' attainment, and a line with the generation time and the data
// version.
//
// The package only lays out: every figure arrives computed in a Brief (the
// server fills it from the same analytics its API answers with), so the
// brief and the screen cannot disagree. The map and the chart are drawn once
// through a small canvas (canvas.go) that writes either PDF operators or
// SVG, so the two formats show the same drawing.
//
// Text is set in a subset of LXGW WenKai (SIL Open Font License 1.1) kept in
// font/, so a brief looks the same on any machine; font/README.md says how
// to regenerate the subset when the catalogue or the region names change.
package brief
