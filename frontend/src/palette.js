// Every colour the map uses for a status or an overlay, in one place, so
// that none repeats across layers (tests/palette.test.mjs checks them in
// normal vision and under simulated deuteranopia and protanopia).
//
// - Target classes (the server's, analytics/classify/palette.go): meets
//   blue, within reach pale yellow, misses red; no data light grey.
// - Overlays take Okabe & Ito's colour-blind-safe set, none of them red:
//   grid gaps near black (a hole in the management), overlaps orange, the
//   health circle bluish green, uncovered residents reddish purple, a
//   what-if clinic's new reach sky blue, grid outlines dark grey.
// - Health-centre dots are indigo, the other facility types keep apart from
//   each other and from the health centre.

/** The choropleth's target classes, as the API sends them (meets, within reach, misses, no data). */
export const statusColours = { meets: '#4575b4', near: '#fee090', misses: '#d73027', noData: '#cccccc' };

/** Colours of the analysis overlays (fill, then a darker outline). */
export const overlayColours = {
  gap: '#1a1a1a', gapLine: '#000000',
  overlap: '#e69f00', overlapLine: '#8a5f00',
  isochrone: '#009e73', isochroneLine: '#006d4f',
  uncovered: '#cc79a7', uncoveredLine: '#8e3f6e',
  whatif: '#56b4e9', whatifLine: '#1f6f9f',
  grid: '#555555', site: '#111827', clinic: '#1a7f37', closed: '#882255',
};

/** Colours of the facility types' dots. */
export const facilityColours = {
  health_centre: '#332288', health_station: '#ddaa33', village_clinic: '#a65628',
  police_post: '#377eb8', service_centre: '#4daf4a',
};
