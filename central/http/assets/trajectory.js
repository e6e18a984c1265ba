// The trajectory toward the target: installed in the headline class and precision from the
// first stored month, and the straight line from today's figure to the target at the end of its
// year, with the growth a month it needs.

import {byId, el, getJson} from './dom.js';
import {formatMonth, formatPflops} from './format.js';
import {unitOf} from './labels.js';
import {colors, drawChart, lineDataset, timeLineOptions} from './charts.js';
import {historyUrl, stepFor} from './history_plots.js';

const MONTH_MS = 30.44 * 86400000;

function monthStart(ms) {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}

export async function refreshTrajectory(ind, firstMs) {
  const h = (ind && ind.headline) || {};
  if (!(h.target_pflops > 0) || !h.target_year) return;
  const now = Date.now();
  const from = monthStart(typeof firstMs === 'number' ? firstMs : now);
  const history = await getJson(historyUrl(
      {class: h['class'], precision: h.precision, from, to: now, step: stepFor(now - from)}));
  const points = (history.points || []).filter((p) => typeof p.installed_pflops === 'number');
  const dueMs = new Date(h.target_year + 1, 0, 1).getTime() - 1;
  const latest = points.length ? points[points.length - 1] :
                                 {ts_ms: now, installed_pflops: h.installed_pflops};
  if (typeof latest.installed_pflops !== 'number') return;

  const unit = unitOf(h.precision);
  const installed = points.map((p) => ({x: p.ts_ms, y: p.installed_pflops}));
  const needed = [{x: latest.ts_ms, y: latest.installed_pflops}, {x: dueMs, y: h.target_pflops}];
  const canvas = byId('plot-trajectory');
  drawChart(canvas, {
    type: 'line',
    data: {
      datasets: [
        lineDataset('已装 Installed', installed, colors.installed()),
        lineDataset('所需路径 Needed', needed, colors.target(), {borderDash: [6, 4], pointRadius: 3}),
      ],
    },
    options: timeLineOptions(from, dueMs, formatMonth, unit),
  });

  const months = Math.max(1, (dueMs - latest.ts_ms) / MONTH_MS);
  const perMonth = Math.max(0, (h.target_pflops - latest.installed_pflops) / months);
  const shown = `${formatPflops(perMonth)} ${unit}`;
  byId('trajectory-note').replaceChildren(
      el('span', {lang: 'zh-CN', text: `自 ${formatMonth(from)} 起；至 ${h.target_year} 年底需每月新增 ${shown}`}),
      ` · since ${formatMonth(from)}; ${shown} more a month are needed to reach the target of ${
          formatPflops(h.target_pflops)} ${unit} by the end of ${h.target_year}`);
}
