// Charts: the ECharts options the server builds with go-echarts, drawn by
// the same ECharts release the standalone chart pages load (npm echarts
// 5.4.3, bundled whole so that every option renders as it does there).

import * as echarts from 'echarts';

// The size of a chart on paper: A4 landscape less 10 mm margins is
// 277 × 190 mm, or 1047 × 718 CSS pixels; a chart and its heading fit.
export const printSize = { width: 1000, height: 560 };

const charts = new Map();
const printing = matchMedia('print');

/** The chart drawn in el, made on first use. */
export function chartIn(el) {
  if (!charts.has(el)) {
    // At least twice the pixels of the screen, so print and PNG stay sharp.
    const chart = echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: Math.max(2, window.devicePixelRatio || 1) });
    charts.set(el, chart);
    new ResizeObserver(() => fit(chart)).observe(el);
  }
  return charts.get(el);
}

// 'auto' sizes a chart by its box again: ECharts keeps an explicit size
// (the paper's) until told otherwise.
const screenSize = { width: 'auto', height: 'auto' };

function fit(chart, paper = printing.matches) {
  if (!chart.isDisposed()) chart.resize({ ...(paper ? printSize : screenSize), animation: { duration: 0 } });
}

/**
 * Draws option in el, replacing what was there; resolves when ECharts has
 * finished (animations included), so a screenshot or a PNG shows the whole chart.
 */
export function drawChart(el, option) {
  const chart = chartIn(el);
  const finished = new Promise((resolve) => {
    const done = () => {
      chart.off('finished', done);
      clearTimeout(timer);
      resolve(chart);
    };
    // A chart with nothing to animate may finish before the listener is on.
    const timer = setTimeout(done, 3000);
    chart.on('finished', done);
  });
  chart.hideLoading();
  chart.setOption(option, { notMerge: true });
  return finished;
}

/** Shows ECharts' loading mask while an option is fetched. */
export function chartLoading(el) {
  chartIn(el).showLoading({ text: '', color: '#1d5fa8', maskColor: 'rgba(255, 255, 255, 0.6)' });
}

/** Empties a chart (its option could not be had) and says why. */
export function chartFailed(el, message) {
  const chart = chartIn(el);
  chart.hideLoading();
  chart.clear();
  chart.setOption({ title: { text: message, left: 'center', top: 'middle', textStyle: { color: '#b42318', fontSize: 14 } } });
}

/** The chart as a PNG data URL on white, at twice the screen's pixels. */
export function chartPNG(el) {
  return chartIn(el).getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
}

/** Every chart at its paper size while printing, and back after. */
function printFit(on) {
  for (const chart of charts.values()) fit(chart, on);
}

// Browsers fire beforeprint before laying the page out for paper; an
// emulated print medium (and some browsers' print) changes the media query.
window.addEventListener('beforeprint', () => printFit(true));
window.addEventListener('afterprint', () => printFit(printing.matches));
printing.addEventListener('change', (e) => printFit(e.matches));
