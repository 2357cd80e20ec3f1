// The map as a print-ready image: the view rendered again at twice the
// screen's pixels, framed by a title band (indicator, year, region), a
// legend column drawn from the legend on screen, the region names and
// markers, a north arrow, a scale bar and a credit line. Everything is drawn in CSS pixels on a canvas
// scaled by the print factor.

/** The frame round the map, in CSS pixels (the README states them too). */
export const frame = { title: 64, legend: 280, footer: 34, pad: 16 };

/** The print factor: twice the screen's pixels, at least as many as the screen has. */
export const printScale = () => Math.max(2, Math.ceil(window.devicePixelRatio || 1));

/**
 * Renders the map at scale × its CSS size and copies the frame: inside
 * 'render' the frame is still in the drawing buffer, so no
 * preserveDrawingBuffer is needed. ready() resolves once the map is drawn
 * (main.js's idle). The map goes back to its own pixel ratio after.
 */
async function captureMap(map, scale, ready) {
  const before = map.getPixelRatio();
  map.setPixelRatio(scale);
  try {
    await ready();
    return await new Promise((resolve) => {
      map.once('render', () => {
        const src = map.getCanvas();
        const copy = document.createElement('canvas');
        copy.width = src.width;
        copy.height = src.height;
        copy.getContext('2d').drawImage(src, 0, 0);
        resolve(copy);
      });
      map.triggerRepaint();
    });
  } finally {
    map.setPixelRatio(before);
  }
}

/** Metres per CSS pixel at the map's centre (MapLibre's tiles are 512 px). */
export function metresPerPixel(zoom, lat) {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The longest round length (1, 2 or 5 × 10ⁿ metres) that fits in maxPx: {metres, px, label}. */
export function scaleBar(mpp, maxPx) {
  const most = mpp * maxPx;
  let metres = 10 ** Math.floor(Math.log10(most));
  for (const f of [5, 2]) if (metres * f <= most) { metres *= f; break; }
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, px: metres / mpp, label };
}

/** The rows of the legend on screen: titles and entries with their swatch's colour and shape. */
function legendItems(legendEl) {
  const out = [];
  for (const el of legendEl.querySelectorAll('.legend-title, .legend-sub, li')) {
    if (el.matches('.legend-title')) out.push({ kind: 'title', text: el.textContent.trim() });
    else if (el.matches('.legend-sub')) out.push({ kind: 'sub', text: el.textContent.trim() });
    else {
      const mark = el.querySelector('.swatch, .dot, .line');
      const style = mark ? getComputedStyle(mark) : null;
      out.push({
        kind: 'entry', shape: mark?.className ?? 'swatch',
        colour: style?.backgroundColor ?? '#ccc',
        label: el.querySelector('.legend-label')?.textContent ?? '', count: el.querySelector('.legend-count')?.textContent ?? '',
      });
    }
  }
  return out;
}

/** Cuts text to fit width, with an ellipsis. */
function fit(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s}…`;
}

function drawLegend(ctx, items, x, y, width, bottom, font) {
  let cy = y;
  for (const it of items) {
    if (cy > bottom - 18) break;
    if (it.kind === 'title') {
      ctx.font = `600 14px ${font}`;
      ctx.fillStyle = '#1f2933';
      cy += 8;
      ctx.fillText(fit(ctx, it.text, width), x, cy + 12);
      cy += 20;
    } else if (it.kind === 'sub') {
      ctx.font = `12px ${font}`;
      ctx.fillStyle = '#5f6b7a';
      ctx.fillText(fit(ctx, it.text, width), x, cy + 11);
      cy += 18;
    } else {
      ctx.fillStyle = it.colour;
      if (it.shape.includes('dot')) {
        ctx.beginPath();
        ctx.arc(x + 12, cy + 9, 5, 0, 2 * Math.PI);
        ctx.fill();
      } else if (it.shape.includes('line')) ctx.fillRect(x, cy + 8, 24, 2);
      else {
        ctx.fillRect(x, cy + 2, 24, 15);
        ctx.strokeStyle = 'rgba(0,0,0,0.25)';
        ctx.strokeRect(x + 0.5, cy + 2.5, 23, 14);
      }
      ctx.font = `13px ${font}`;
      ctx.fillStyle = '#1f2933';
      ctx.fillText(fit(ctx, it.label, width - 70), x + 32, cy + 14);
      ctx.fillStyle = '#5f6b7a';
      ctx.textAlign = 'right';
      ctx.fillText(it.count, x + width, cy + 14);
      ctx.textAlign = 'left';
      cy += 21;
    }
  }
}

/**
 * Draws the map's HTML markers (region names, siting and what-if markers),
 * which the WebGL canvas does not hold, where they stand on screen.
 */
function drawMarkers(ctx, map, top, font) {
  const box = map.getContainer().getBoundingClientRect();
  for (const el of map.getContainer().querySelectorAll('.maplibregl-marker')) {
    const r = el.getBoundingClientRect();
    const x = r.left - box.left + r.width / 2;
    const y = top + r.top - box.top + r.height / 2;
    if (x < 0 || x > box.width || y < top || y > top + box.height) continue;
    const style = getComputedStyle(el);
    const text = el.textContent.trim();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    if (el.classList.contains('region-label')) {
      ctx.font = `600 12px ${font}`;
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(text, x, y);
      ctx.fillStyle = '#1f2933';
      ctx.fillText(text, x, y);
    } else {
      ctx.fillStyle = style.backgroundColor;
      ctx.strokeStyle = style.borderTopColor;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, Math.min(r.width, r.height) / 2, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.font = `700 12px ${font}`;
      ctx.fillStyle = style.color;
      ctx.fillText(text, x, y);
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
  }
  ctx.lineWidth = 1;
}

function drawNorth(ctx, x, y, label, font) {
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x - 18, y - 6, 36, 52);
  ctx.fillStyle = '#1f2933';
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + 9, y + 26);
  ctx.lineTo(x, y + 20);
  ctx.lineTo(x - 9, y + 26);
  ctx.closePath();
  ctx.fill();
  ctx.font = `600 13px ${font}`;
  ctx.textAlign = 'center';
  ctx.fillText(label, x, y + 42);
  ctx.textAlign = 'left';
}

function drawScale(ctx, bar, x, y, font) {
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x - 6, y - 18, bar.px + 12, 30);
  ctx.strokeStyle = '#1f2933';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, y - 5);
  ctx.lineTo(x, y + 4);
  ctx.lineTo(x + bar.px, y + 4);
  ctx.lineTo(x + bar.px, y - 5);
  ctx.stroke();
  ctx.lineWidth = 1;
  ctx.font = `12px ${font}`;
  ctx.fillStyle = '#1f2933';
  ctx.fillText(bar.label, x + 2, y - 5);
}

/**
 * The view as a PNG data URL: map, title (title, subtitle), the legend of
 * legendEl, north arrow, scale bar and credit. ready() resolves once the
 * map is drawn.
 */
export async function mapImage(map, { title, subtitle, legendEl, north, credit, ready }) {
  const scale = printScale();
  const shot = await captureMap(map, scale, ready);
  // The CSS size, not the shot's: MapLibre caps its canvas (4096 px a
  // side), and a capped shot is stretched to fit rather than shrinking the map.
  const w = map.getContainer().clientWidth;
  const h = map.getContainer().clientHeight;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((w + frame.legend) * scale);
  canvas.height = Math.round((frame.title + h + frame.footer) * scale);
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w + frame.legend, frame.title + h + frame.footer);
  ctx.fillStyle = '#1f2933';
  ctx.font = `600 20px ${font}`;
  ctx.fillText(fit(ctx, title, w + frame.legend - 2 * frame.pad), frame.pad, 28);
  ctx.font = `14px ${font}`;
  ctx.fillStyle = '#5f6b7a';
  ctx.fillText(fit(ctx, subtitle, w + frame.legend - 2 * frame.pad), frame.pad, 50);
  ctx.drawImage(shot, 0, frame.title, w, h);
  drawMarkers(ctx, map, frame.title, font);
  ctx.strokeStyle = '#c9cfd6';
  ctx.strokeRect(0.5, frame.title + 0.5, w - 1, h - 1);
  drawNorth(ctx, w - 30, frame.title + 14, north, font);
  const c = map.getCenter();
  drawScale(ctx, scaleBar(metresPerPixel(map.getZoom(), c.lat), 140), frame.pad, frame.title + h - 14, font);
  drawLegend(ctx, legendItems(legendEl), w + frame.pad, frame.title, frame.legend - 2 * frame.pad, frame.title + h, font);
  ctx.font = `12px ${font}`;
  ctx.fillStyle = '#5f6b7a';
  ctx.fillText(fit(ctx, credit, w + frame.legend - 2 * frame.pad), frame.pad, frame.title + h + 22);
  return canvas.toDataURL('image/png');
}
