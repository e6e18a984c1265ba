// The suanli dashboard: reads /api/v1/indicator and /api/v1/anomalies every few seconds and
// /api/v1/history now and then, and draws them as DOM nodes and Chart.js plots.

import {byId, el, getJson, pick} from './dom.js';
import {PRECISIONS} from './labels.js';
import {renderCity, renderHeadline} from './headline.js';
import {renderTables} from './tables.js';
import {renderNodeStates} from './node_states.js';
import {renderBars} from './bars.js';
import {renderAnomalies} from './anomalies.js';
import {renderFreshness} from './freshness.js';
import {firstStoredMs, refreshHistory, setUpHistoryControls} from './history_plots.js';
import {refreshTrajectory} from './trajectory.js';

const REFRESH_MS = 5000;
const HISTORY_EVERY_N_REFRESHES = 6;

const view = {
  indicator: null,
  precision: '',       // '' : each class at its own precision
  failingSince: null,  // ms of the first failed refresh in a row
  lastError: '',
  refreshes: 0,
};

// Whether the page is wider than the window (tests/dashboard reads it at 400 px).
function markLayout() {
  const root = document.documentElement;
  root.dataset.scrollWidth = String(root.scrollWidth);
  root.dataset.innerWidth = String(window.innerWidth);
}

// A part that fails says so in its place and leaves the rest of the page alone.
function guarded(name, draw) {
  try {
    draw();
  } catch (err) {
    console.error(`${name}: ${err.message}`);
    document.documentElement.dataset.renderError = `${name}: ${err.message}`;
  }
}

function renderIndicator() {
  const ind = view.indicator;
  if (!ind) return;
  guarded('city', () => renderCity(ind));
  guarded('headline', () => renderHeadline(ind));
  guarded('node states', () => renderNodeStates(ind));
  guarded('tables', () => renderTables(ind, view.precision));
  guarded('bars', () => renderBars(ind, view.precision));
  markLayout();
}

async function refreshPlots() {
  try {
    await refreshHistory(view.indicator);
    byId('history-error').hidden = true;
  } catch (err) {
    byId('history-error').hidden = false;
    byId('history-error').textContent = `历史数据不可用 · History unavailable: ${err.message}`;
  }
  try {
    await refreshTrajectory(view.indicator, firstStoredMs());
  } catch (err) {
    byId('trajectory-note').textContent = `轨迹不可用 · Trajectory unavailable: ${err.message}`;
  }
  markLayout();
}

async function refresh() {
  try {
    view.indicator = await getJson('/api/v1/indicator');
    view.failingSince = null;
    renderIndicator();
    renderAnomalies(pick(await getJson('/api/v1/anomalies'), 'anomalies') || []);
  } catch (err) {
    if (view.failingSince === null) view.failingSince = Date.now();
    view.lastError = err.message;
  }
  renderFreshness(view);
  if (view.refreshes++ % HISTORY_EVERY_N_REFRESHES === 0) await refreshPlots();
  markLayout();
  setTimeout(refresh, REFRESH_MS);
}

function setUpPrecisionPicker() {
  const select = byId('precision');
  const own = el('option', {text: '各按本类 Each class its own'});
  own.value = '';
  select.append(own);
  for (const [key, label] of PRECISIONS) {
    const option = el('option', {text: label});
    option.value = key;
    select.append(option);
  }
  select.addEventListener('change', () => {
    view.precision = select.value;
    renderIndicator();
  });
}

function start() {
  // What the Content-Security-Policy (central/http/security_headers.cpp) refused, for the tests.
  document.addEventListener('securitypolicyviolation', (e) => {
    document.documentElement.dataset.cspViolation = `${e.violatedDirective} ${e.blockedURI}`;
  });
  setUpPrecisionPicker();
  setUpHistoryControls(refreshPlots);
  setInterval(() => renderFreshness(view), 1000);
  window.addEventListener('resize', markLayout);
  refresh();
}

start();
