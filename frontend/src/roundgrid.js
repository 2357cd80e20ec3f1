// The round's grid as data: reading what is typed or pasted into it, and
// where the keyboard moves. No DOM here, so that it can be reasoned about
// (and tested) apart from the page.

/**
 * Rows and cells of text copied from a spreadsheet: lines split on CR/LF,
 * cells on tabs; the trailing line break Excel adds is dropped. A cell in
 * double quotes (as Excel writes one holding a tab, a line break or a
 * quote) keeps what is inside, "" being one quote.
 */
export function parsePaste(text) {
  const src = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === '\t') {
      rows[rows.length - 1].push(cell.trim());
      cell = '';
    } else if (ch === '\n') {
      rows[rows.length - 1].push(cell.trim());
      rows.push([]);
      cell = '';
    } else cell += ch;
  }
  rows[rows.length - 1].push(quoted ? cell : cell.trim());
  return rows;
}

/** Whether text holds more than one cell: a paste the grid spreads out. */
export function isBlock(text) {
  return /[\t\n\r]/.test(text.replace(/[\r\n]+$/, ''));
}

/**
 * A cell's text as a value: null when empty, a number (thousands
 * separators and full-width digits allowed), or NaN when it is no number.
 */
export function parseValue(text) {
  const t = String(text ?? '')
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xFF10 + 48))
    .replace(/[，,\s]/g, '').replace(/％$|%$/, '').replace(/．/g, '.');
  if (t === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return NaN;
  return Number(t);
}

/**
 * Where a key moves from [row, col] in a grid of rows × cols, or null when
 * it does not move: arrows (left and right only when the caret is at the
 * text's edge, so that they still move inside a cell), Enter down and
 * Shift+Enter up.
 */
export function move(key, { row, col, rows, cols, shift = false, atStart = true, atEnd = true }) {
  let [r, c] = [row, col];
  switch (key) {
    case 'ArrowUp': r--; break;
    case 'ArrowDown': r++; break;
    case 'Enter': r += shift ? -1 : 1; break;
    case 'ArrowLeft': if (!atStart) return null; c--; break;
    case 'ArrowRight': if (!atEnd) return null; c++; break;
    default: return null;
  }
  if (r < 0 || r >= rows || c < 0 || c >= cols) return null;
  return { row: r, col: c };
}

/**
 * The draft rows of PUT …/values for the regions changed: every value
 * each has (a row replaces the region's whole set) and its reasons.
 */
export function draftRows(rows, indicators, changed) {
  return rows.filter((r) => changed.has(r.region)).map((r) => {
    const values = {};
    const reasons = {};
    for (const id of indicators) {
      const c = r.cells[id];
      if (c.value !== null && c.value !== undefined) values[id] = c.value;
      if (c.reason) reasons[id] = c.reason;
    }
    return { region: r.region, values, reasons };
  });
}
