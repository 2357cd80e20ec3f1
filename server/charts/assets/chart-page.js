// Draws the chart of a standalone chart page (GET /api/v1/charts/{kind}
// ?format=html). The ECharts option is the page's JSON data block, read as
// text and parsed, never evaluated: the page needs no inline script and
// runs under the service's content security policy.
'use strict';
(function () {
  const el = document.getElementById('chart');
  const data = document.getElementById('chart-option');
  if (!el || !data || typeof echarts === 'undefined') return;
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption(JSON.parse(data.textContent));
})();
