// Chart.js (the embedded chart.min.js, window.Chart) set up for the dashboard: no animation,
// fonts readable at phone width, and a mark on each canvas once Chart.js has drawn it:
// data-points (the data points drawn) and data-ink (painted pixels, one in every four sampled),
// which tests/dashboard reads.

const charts = new Map();  // canvas id -> Chart

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export const colors = {
  installed: () => css('--installed'),
  live: () => css('--live'),
  achieved: () => css('--achieved'),
  target: () => css('--offline'),
  power: () => css('--stale'),
  muted: () => css('--muted'),
  line: () => css('--line'),
};

const drawnPoint = (v) =>
    typeof v === 'number' || (v !== null && typeof v === 'object' && typeof v.y === 'number');

const inkMark = {
  id: 'suanliInkMark',
  afterRender(chart) {
    const canvas = chart.canvas;
    const points = chart.data.datasets.reduce((n, d) => n + d.data.filter(drawnPoint).length, 0);
    let ink = 0;
    if (canvas.width > 0 && canvas.height > 0) {
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let alpha = 3; alpha < pixels.length; alpha += 16) {
        if (pixels[alpha] !== 0) ++ink;
      }
    }
    canvas.dataset.points = String(points);
    canvas.dataset.ink = String(ink);
  },
};

let configured = false;
function chartClass() {
  const {Chart} = window;
  if (!Chart) throw new Error('Chart.js did not load (/assets/chart.min.js)');
  if (!configured) {
    Chart.register(inkMark);
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.font.size = 12;
    Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
    Chart.defaults.color = colors.muted();
    Chart.defaults.borderColor = colors.line();
    Chart.defaults.plugins.legend.labels.boxWidth = 14;
    configured = true;
  }
  return Chart;
}

// Draws `config` (Chart.js's {type, data, options}) on `canvas`, updating the chart already there.
export function drawChart(canvas, config) {
  const Chart = chartClass();
  const existing = charts.get(canvas.id);
  if (existing && existing.config.type === config.type) {
    existing.data = config.data;
    existing.options = config.options;
    existing.update();
    return;
  }
  if (existing) existing.destroy();
  charts.set(canvas.id, new Chart(canvas, config));
}

// Removes the chart of `canvas` (its figures are gone) and its mark.
export function clearChart(canvas) {
  const existing = charts.get(canvas.id);
  if (existing) existing.destroy();
  charts.delete(canvas.id);
  delete canvas.dataset.points;
  delete canvas.dataset.ink;
}

// A line dataset of `series` (installed, live, achieved) from history points {ts_ms, ...}; a gap
// of more than 1.5 steps lifts the pen.
export function seriesData(points, key, stepMs) {
  const data = [];
  let previous = null;
  for (const p of points) {
    const y = p[key];
    if (previous !== null && p.ts_ms - previous > stepMs * 1.5) data.push({x: previous + stepMs, y: null});
    data.push({x: p.ts_ms, y: typeof y === 'number' ? y : null});
    previous = p.ts_ms;
  }
  return data;
}

export function lineDataset(label, data, color, extra = {}) {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    pointRadius: data.length <= 3 ? 3 : 0,
    pointHitRadius: 6,
    spanGaps: false,
    ...extra,
  };
}

const HOUR_MS = 3600000;
const TICK_STEPS_MS = [1, 2, 3, 6, 12, 24, 48, 168, 336, 720, 1464, 2184, 4392, 8760].map(
    (hours) => hours * HOUR_MS);

// A round step between time ticks (an hour, a day, a week, ~a month...) for about five ticks.
function tickStep(spanMs) {
  return TICK_STEPS_MS.find((step) => spanMs / step <= 5) || TICK_STEPS_MS[TICK_STEPS_MS.length - 1];
}

// Options of a line plot over time (x in milliseconds since the epoch).
export function timeLineOptions(fromMs, toMs, formatTick, yTitle) {
  const step = tickStep(toMs - fromMs);
  return {
    responsive: true,
    interaction: {mode: 'nearest', axis: 'x', intersect: false},
    plugins: {legend: {position: 'bottom'}},
    scales: {
      x: {
        type: 'linear',
        min: fromMs,
        max: toMs,
        ticks: {callback: (v) => formatTick(v), maxRotation: 0, autoSkip: true, stepSize: step},
        // Ticks on whole steps (local time) only, not at the range's odd ends.
        afterBuildTicks: (axis) => {
          const offset = new Date(fromMs).getTimezoneOffset() * 60000;
          const first = Math.ceil((fromMs - offset) / step) * step + offset;
          axis.ticks = [];
          for (let t = first; t <= toMs; t += step)
            axis.ticks.push({value: t});
        },
      },
      y: {beginAtZero: true, title: {display: true, text: yTitle}},
    },
  };
}

// Options of horizontal bars (one bar group per row label).
export function barOptions(xTitle, max) {
  return {
    responsive: true,
    indexAxis: 'y',
    plugins: {legend: {position: 'bottom'}},
    scales: {
      x: {beginAtZero: true, max, title: {display: true, text: xTitle}, ticks: {maxTicksLimit: 5}},
      y: {ticks: {autoSkip: false}},
    },
  };
}

// Sets the height of a plot of horizontal bars from its number of rows.
export function sizeForRows(canvas, rows, perRow) {
  canvas.parentElement.style.height = `${Math.max(140, 70 + rows * perRow)}px`;
}
