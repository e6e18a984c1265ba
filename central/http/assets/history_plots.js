// Installed, live and achieved over time (GET /api/v1/history), over a chosen range (24 h, 7 d,
// 30 d, all) in a chosen class and precision (the class's own by default), and the power over the
// same range where the points carry power_kw.

import {byId, el, getJson} from './dom.js';
import {formatWhen, timeTickFormatter} from './format.js';
import {CLASSES, classLabel, PRECISIONS, precisionLabel, unitOf} from './labels.js';
import {clearChart, colors, drawChart, lineDataset, seriesData, timeLineOptions} from './charts.js';

const DAY_MS = 86400000;
const RANGES = [
  ['24h', DAY_MS, '24 小时', '24 h'],
  ['7d', 7 * DAY_MS, '7 天', '7 d'],
  ['30d', 30 * DAY_MS, '30 天', '30 d'],
  ['all', null, '全部', 'all'],
];
const MINUTE_MS = 60000;
const MAX_POINTS = 300;

const state = {
  range: '24h',
  classKey: '',   // '' until picked: the headline class
  precision: '',  // '' until picked: the class's own (the API's default)
  firstMs: undefined,  // the scope's earliest stored minute, once known
};

// A step (whole minutes, the store's resolution) that gives at most MAX_POINTS points.
export function stepFor(spanMs) {
  return Math.max(1, Math.ceil(spanMs / MAX_POINTS / MINUTE_MS)) * MINUTE_MS;
}

export function historyUrl(params) {
  return `/api/v1/history?${new URLSearchParams(params)}`;
}

function option(value, text) {
  const node = el('option', {text});
  node.value = value;
  return node;
}

export function setUpHistoryControls(onChange) {
  const range = byId('history-range');
  range.append(...RANGES.map(([key, , zh, en]) => option(key, `${zh} ${en}`)));
  const classes = byId('history-class');
  classes.append(...CLASSES.map(([key, zh, en]) => option(key, `${zh} ${en}`)),
                 option('all', '全部类别 All classes'));
  const precision = byId('history-precision');
  precision.append(option('', '本类精度 Its own'),
                   ...PRECISIONS.map(([key, label]) => option(key, label)));
  const changed = () => {
    state.range = range.value;
    state.classKey = classes.value;
    state.precision = precision.value;
    onChange();
  };
  for (const select of [range, classes, precision])
    select.addEventListener('change', changed);
}

// The earliest stored minute of the city: first_ms, else the earliest point seen.
export function firstStoredMs() {
  return state.firstMs;
}

function learnFirst(history) {
  if (typeof history.first_ms === 'number') {
    state.firstMs = history.first_ms;
  } else if (history.first_ms !== null && history.points && history.points.length) {
    state.firstMs = Math.min(state.firstMs ?? Infinity, history.points[0].ts_ms);
  }
}

async function rangeStart(classKey, now) {
  const row = RANGES.find((r) => r[0] === state.range);
  if (row && row[1]) return now - row[1];
  if (state.firstMs === undefined) learnFirst(await getJson(historyUrl({class: classKey})));
  return typeof state.firstMs === 'number' ? state.firstMs : now - 30 * DAY_MS;
}

export async function refreshHistory(ind) {
  const classKey = state.classKey || (ind && ind.headline && ind.headline['class']) || 'intelligent';
  byId('history-class').value = classKey;
  const to = Date.now();
  const from = Math.floor((await rangeStart(classKey, to)) / MINUTE_MS) * MINUTE_MS;
  const params = {class: classKey, from, to, step: stepFor(to - from)};
  if (state.precision) params.precision = state.precision;
  const history = await getJson(historyUrl(params));
  learnFirst(history);
  renderHistory(history);
  renderPower(history);
}

function renderHistory(h) {
  const canvas = byId('plot-history');
  const points = Array.isArray(h.points) ? h.points : [];
  const unit = unitOf(h.precision);
  const [, zh, en] = h['class'] === 'all' ? ['all', '全部类别', 'All classes'] : classLabel(h['class']);
  byId('history-scope').textContent = `${zh} ${en} · ${precisionLabel(h.precision)} ${unit} · ${
      formatWhen(h.from_ms)}–${formatWhen(h.to_ms)}`;
  byId('history-empty').hidden = points.length > 0;
  if (points.length === 0) {
    clearChart(canvas);
    return;
  }
  const step = h.step_ms || MINUTE_MS;
  const datasets = [
    lineDataset('已装 Installed', seriesData(points, 'installed_pflops', step), colors.installed(),
                {borderDash: [6, 4]}),
    lineDataset('在线 Live', seriesData(points, 'live_pflops', step), colors.live()),
    lineDataset('实际 Achieved', seriesData(points, 'achieved_pflops', step), colors.achieved()),
  ];
  const tick = timeTickFormatter(h.to_ms - h.from_ms);
  drawChart(canvas, {
    type: 'line',
    data: {datasets},
    options: timeLineOptions(h.from_ms, h.to_ms, tick, unit),
  });
  canvas.dataset.lastInstalled = String(points[points.length - 1].installed_pflops);
}

// 功率 Power (kW) of each bucket's last minute; hidden while central stores no power.
function renderPower(h) {
  const canvas = byId('plot-power');
  const points = (Array.isArray(h.points) ? h.points : [])
      .filter((p) => typeof p.power_kw === 'number');
  canvas.closest('.card').hidden = points.length === 0;
  if (points.length === 0) {
    clearChart(canvas);
    return;
  }
  const data = seriesData(points, 'power_kw', h.step_ms || MINUTE_MS);
  const options = timeLineOptions(h.from_ms, h.to_ms, timeTickFormatter(h.to_ms - h.from_ms), 'kW');
  options.plugins.legend = {display: false};
  drawChart(canvas, {
    type: 'line',
    data: {datasets: [lineDataset('功率 Power kW', data, colors.power())]},
    options,
  });
}
