// Point markers of the health circle as HTML buttons on the map, so they
// can be reached with the keyboard: siting suggestions (numbered by rank)
// and, in the what-if mode, the clinics dropped and the facilities closed.

import maplibregl from 'maplibre-gl';

const placed = { sites: [], clinics: [] };

/** A button that the map does not also take as a click on itself. */
function markerButton(cls, text, label, onPress) {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = cls;
  el.textContent = text;
  el.title = label;
  el.setAttribute('aria-label', label);
  for (const ev of ['mousedown', 'mouseup', 'click', 'dblclick', 'touchstart', 'touchend']) {
    el.addEventListener(ev, (e) => e.stopPropagation());
  }
  el.addEventListener('click', onPress);
  return el;
}

function replace(kind, map, list) {
  for (const m of placed[kind]) m.remove();
  placed[kind] = list.map(({ el, at }) => new maplibregl.Marker({ element: el }).setLngLat(at).addTo(map));
}

/** Puts the siting suggestions (a FeatureCollection, or null) on the map; onTry gets a feature. */
export function setSiteMarkers(map, sites, t, onTry) {
  replace('sites', map, (sites?.features ?? []).map((f) => {
    const p = f.properties;
    const el = markerButton('site-marker', String(p.rank), t.siteLabel(p.rank, p.gain), () => onTry(f));
    el.dataset.rank = String(p.rank);
    return { el, at: f.geometry.coordinates };
  }));
}

/**
 * Puts the what-if changes on the map: added clinics ({lon, lat, type}, by
 * index) and closed facilities ({id, lon, lat, name}); pressing one undoes it.
 */
export function setClinicMarkers(map, added, removed, t, { onUnadd, onRestore }) {
  const adds = added.map((c, i) => {
    const el = markerButton('clinic-marker', '+', t.unaddLabel(t.facilityTypes[c.type]), () => onUnadd(i));
    el.dataset.i = String(i);
    return { el, at: [c.lon, c.lat] };
  });
  const closed = removed.filter((f) => typeof f.lon === 'number').map((f) => {
    const el = markerButton('closed-marker', '×', t.restoreLabel(f.name), () => onRestore(f.id));
    el.dataset.id = f.id;
    return { el, at: [f.lon, f.lat] };
  });
  replace('clinics', map, [...adds, ...closed]);
}
