// The what-if mode and siting on the map: a click drops a clinic (or, on a
// health facility, closes it), the panel's buttons undo, clear or drop at
// the map centre (for the keyboard: arrow keys move the map under the
// cross), and a siting suggestion can be tried as a clinic.

import { setClinicMarkers, setSiteMarkers } from './markers.js';
import { renderScenario } from './scenario.js';
import { clinicTypes } from './state.js';

const $ = (id) => document.getElementById(id);
const maxAdded = 20;
const healthTypes = new Set(clinicTypes);
// Places as the link keeps them (6 decimals, about 10 cm), so a reloaded
// link asks exactly what was asked before.
const r6 = (v) => Math.round(v * 1e6) / 1e6;

/**
 * Wires the health-circle controls. state() gives the current state;
 * update(change) applies change to it and redraws, as a new history entry.
 */
export function wireHealth(map, { state, update, strings }) {
  const drop = ([lon, lat]) => {
    if (state().add.length >= maxAdded) {
      $('error').textContent = strings().tooManyClinics(maxAdded);
      $('error').hidden = false;
      return;
    }
    update((s) => { s.add = [...s.add, { lon: r6(lon), lat: r6(lat), type: s.clinic }]; });
  };
  const toggleClosed = (id) => update((s) => {
    s.remove = s.remove.includes(id) ? s.remove.filter((x) => x !== id) : [...s.remove, id];
  });

  map.on('click', (e) => {
    if (!state().whatif) return;
    const hit = map.getLayoutProperty('facility-circle', 'visibility') === 'visible'
      ? map.queryRenderedFeatures(e.point, { layers: ['facility-circle'] }).find((f) => healthTypes.has(f.properties.type))
      : null;
    if (hit) toggleClosed(hit.properties.id);
    else drop([e.lngLat.lng, e.lngLat.lat]);
  });

  $('whatif').addEventListener('click', () => update((s) => {
    s.whatif = !s.whatif;
    s.add = [];
    s.remove = [];
    // Entering the mode shows the health circle's coverage, which the changes move.
    if (s.whatif && s.indicator !== 'health_covered_share') s.indicator = 'health_covered_share';
  }));

  const panel = $('scenario');
  panel.addEventListener('change', (e) => {
    if (e.target.id === 'clinic-type') update((s) => { s.clinic = e.target.value; });
  });
  panel.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (!b) return;
    const a = b.dataset.action;
    if (a === 'drop-centre') drop(map.getCenter().toArray());
    else if (a === 'clear') update((s) => { s.add = []; s.remove = []; });
    else if (a === 'unadd') update((s) => { s.add = s.add.filter((_, i) => i !== Number(b.dataset.i)); });
    else if (a === 'restore') toggleClosed(b.dataset.id);
    else if (a === 'try') tryRank(Number(b.dataset.rank));
  });

  let sites = null;
  const trySite = (f) => update((s) => {
    s.whatif = true;
    s.indicator = 'health_covered_share';
    const [lon, lat] = f.geometry.coordinates;
    s.add = [...s.add, { lon: r6(lon), lat: r6(lat), type: clinicTypes.includes(f.properties.type) ? f.properties.type : s.clinic }];
  });
  const tryRank = (rank) => {
    const f = sites?.features.find((x) => x.properties.rank === rank);
    if (f) trySite(f);
  };

  /** Draws the markers, the cross and the panel for a state and its analysis answers. */
  return async function render(t, s, a) {
    sites = a.siting;
    setSiteMarkers(map, s.siting ? a.siting : null, t, trySite);
    const closed = a.closed ?? [];
    setClinicMarkers(map, s.whatif ? s.add : [], s.whatif ? closed : [], t, {
      onUnadd: (i) => update((x) => { x.add = x.add.filter((_, j) => j !== i); }),
      onRestore: toggleClosed,
    });
    $('crosshair').hidden = !s.whatif;
    map.getContainer().parentElement.classList.toggle('whatif', s.whatif);
    await renderScenario($('scenario'), t, s, a);
  };
}
