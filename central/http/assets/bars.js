// Bars by center and by district (installed, live, achieved), and utilization by center
// (achieved ÷ live). Each center at its own class's precision unless one is picked; quantum
// centers (qubits) are not on a FLOPS axis.

import {byId, pick} from './dom.js';
import {precisionLabel} from './labels.js';
import {centerFigures, classFigures, isQuantum, utilization} from './figures.js';
import {barOptions, clearChart, colors, drawChart, sizeForRows} from './charts.js';
import {sortedCenters} from './tables.js';

const SERIES_BARS = [
  ['installed', '已装 Installed'],
  ['live', '在线 Live'],
  ['achieved', '实际 Achieved'],
];

// Long names are cut so that a bar keeps room at 400 px.
function shortName(name) {
  const text = String(name);
  return text.length > 10 ? `${text.slice(0, 9)}…` : text;
}

function seriesBars(rows) {
  return SERIES_BARS.map(([key, label]) => ({
    label,
    data: rows.map((r) => (typeof r.figures[key] === 'number' ? r.figures[key] : null)),
    backgroundColor: colors[key](),
    borderWidth: 0,
  }));
}

function drawBars(canvasId, rows, xTitle) {
  const canvas = byId(canvasId);
  canvas.closest('.plot-block').hidden = rows.length === 0;
  if (rows.length === 0) {
    clearChart(canvas);
    return;
  }
  sizeForRows(canvas, rows.length, 48);
  drawChart(canvas, {
    type: 'bar',
    data: {labels: rows.map((r) => r.label), datasets: seriesBars(rows)},
    options: barOptions(xTitle),
  });
}

function flopsCenters(ind, picked) {
  return sortedCenters(ind, picked).filter((c) => !isQuantum(c)).map((c) => {
    const figures = centerFigures(c, picked);
    return {label: [shortName(c.name), precisionLabel(figures.precision)], figures};
  });
}

function renderUtilization(rows) {
  const canvas = byId('plot-utilization');
  const shown = rows.filter((r) => utilization(r.figures) !== undefined);
  canvas.closest('.plot-block').hidden = shown.length === 0;
  if (shown.length === 0) {
    clearChart(canvas);
    return;
  }
  sizeForRows(canvas, shown.length, 30);
  const options = barOptions('利用率 Utilization, % (achieved ÷ live)', 100);
  options.plugins.legend = {display: false};
  drawChart(canvas, {
    type: 'bar',
    data: {
      labels: shown.map((r) => r.label),
      datasets: [{
        label: '利用率 Utilization %',
        data: shown.map((r) => utilization(r.figures) * 100),
        backgroundColor: colors.achieved(),
        borderWidth: 0,
      }],
    },
    options,
  });
}

export function renderBars(ind, picked) {
  const centers = flopsCenters(ind, picked);
  drawBars('plot-centers', centers, 'PFLOPS');
  renderUtilization(centers);
  const classKey = pick(ind, 'headline', 'class') || 'intelligent';
  const districts = (ind.by_district || []).map((d) => ({
    label: shortName(d.district || '—'),
    figures: classFigures(d, classKey, picked),
  }));
  const precision = districts.length ? districts[0].figures.precision : '';
  drawBars('plot-districts', districts, `${precisionLabel(precision)} PFLOPS`);
}
