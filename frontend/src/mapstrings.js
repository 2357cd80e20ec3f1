// Interface text of the phone layout, the map export menu, the hover
// details of gaps and clusters and the differences of rates, in Chinese and
// English; i18n.js merges it into each language's dictionary.

const zh = {
  showSettings: '设置',
  settingsToggle: '显示或隐藏地图设置',
  legendToggle: '展开或收起图例',
  sheetToggle: '展开或收起详情',
  // Differences of rates are percentage points, not per cent.
  points: '个百分点',
  gapReason: { uncovered: '网格未覆盖', no_grids: '社区没有网格' },
  gapTip: (hh, area) => `约 ${hh} 户 · ${area}`,
  clusterTip: (rank) => `未覆盖聚集区 #${rank}`,
  clusterReason: (min) => `${min} 分钟内到不了卫生服务设施`,
  clusterPeople: (people, hh) => `约 ${hh} 户(${people} 人)`,
  sitingStale: '以下增益按现状设施计算,未含模拟中的变动',
  tried: '已试',
  mapMenu: '导出地图',
  mapPNG: (n) => `地图图片 PNG(${n}×,含图例、指北针、比例尺)`,
  layerData: '图层数据',
  resultData: '分析结果',
  ogcLink: 'OGC API(供 GIS 软件)',
  exportNeedsAnalyst: '下载数据需分析员及以上权限',
  north: '北',
  credit: '南通城乡社区建设图集 · 行政区划与生成数据,见种子说明',
  layerNames: {
    regions: '区域及当前指标', facilities: '服务设施', grids: '管理网格', gaps: '网格覆盖缺口',
    overlaps: '网格重叠', isochrones: '等时圈', uncovered: '未覆盖人口聚集区', whatif: '模拟结果(覆盖前后)',
    siting: '选址建议',
  },
  mapMade: (date) => `制图日期 ${date}`,
};

const en = {
  showSettings: 'Settings',
  settingsToggle: 'Show or hide the map settings',
  legendToggle: 'Expand or collapse the legend',
  sheetToggle: 'Expand or collapse the details',
  points: 'pp',
  gapReason: { uncovered: 'not in any grid', no_grids: 'the community has no grids' },
  gapTip: (hh, area) => `≈ ${hh} households · ${area}`,
  clusterTip: (rank) => `Uncovered cluster #${rank}`,
  clusterReason: (min) => `no clinic within ${min} minutes`,
  clusterPeople: (people, hh) => `≈ ${hh} households (${people} people)`,
  sitingStale: 'Gains below are against today\'s clinics, without the what-if changes',
  tried: 'tried',
  mapMenu: 'Export map',
  mapPNG: (n) => `Map image PNG (${n}×, with legend, north arrow, scale)`,
  layerData: 'Layer data',
  resultData: 'Analysis results',
  ogcLink: 'OGC API (for GIS software)',
  exportNeedsAnalyst: 'Downloading data needs the analyst role or above',
  north: 'N',
  credit: 'Nantong community atlas · divisions and generated data, see the seed notice',
  layerNames: {
    regions: 'Regions and the indicator', facilities: 'Facilities', grids: 'Management grids', gaps: 'Grid gaps',
    overlaps: 'Grid overlaps', isochrones: 'Isochrones', uncovered: 'Uncovered clusters',
    whatif: 'What-if (before/after)', siting: 'Siting suggestions',
  },
  mapMade: (date) => `Made ${date}`,
};

export const mapStrings = { zh, en };
