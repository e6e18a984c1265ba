// The masthead's city and the headline: installed, live and achieved of the headline class,
// progress toward the target, what the total leaves out, and the power and qubit tiles when
// central reports them.

import {bilingual, byId, el, pick} from './dom.js';
import {formatCount, formatKw, formatPercent, formatPflops} from './format.js';
import {classLabel, precisionLabel, unitOf} from './labels.js';
import {powerKw, quantumFigures} from './figures.js';

// 苏州市算力监测 · Suzhou compute monitor, from the config's `city`.
export function renderCity(ind) {
  const name = pick(ind, 'city', 'name');
  const nameEn = pick(ind, 'city', 'name_en');
  if (!name) return;
  const zh = `${name}算力监测`;
  const en = `${nameEn || name} compute monitor`;
  byId('city-title').replaceChildren(el('span', {lang: 'zh-CN', text: zh}), ' · ',
                                     el('span', {className: 'en', text: en}));
  document.title = `${zh} · ${en}`;
}

export function renderHeadline(ind) {
  const h = ind.headline || {};
  const installed = byId('headline-installed');
  installed.textContent = formatPflops(h.installed_pflops);
  installed.dataset.pflops = String(h.installed_pflops);
  byId('headline-unit').textContent = unitOf(h.precision);
  const [, zh, en] = classLabel(h['class']);
  byId('headline-scope').textContent = `${zh} ${en} · ${precisionLabel(h.precision)} dense`;
  byId('headline-live').textContent = formatPflops(h.live_pflops);
  byId('headline-achieved').textContent = formatPflops(h.achieved_pflops);

  const percent = Math.max(0, (h.progress || 0) * 100);
  const shown = formatPercent(percent);
  // A sliver stays visible for a small but non-zero progress.
  byId('progress-fill').style.width = percent > 0 ? `max(3px, ${Math.min(100, percent)}%)` : '0';
  const bar = byId('progress');
  bar.setAttribute('aria-valuenow', percent.toFixed(2));
  bar.setAttribute('aria-valuetext', shown);
  const target = `${formatPflops(h.target_pflops)} ${unitOf(h.precision)}`;
  byId('progress-label').replaceChildren(
      el('span', {lang: 'zh-CN', text: `${h.target_year} 年目标 ${target}，已完成 `}),
      el('strong', {text: shown}), ` · ${shown} of the ${h.target_year} target of ${target}`);

  const counts = ind.counts || {};
  byId('count-devices').textContent = formatCount(counts.devices);
  byId('count-centers').textContent = formatCount(counts.centers);
  renderPeakNote(counts, h);
  renderVerification(h);
  renderPowerTile(ind);
  renderQuantumTile(ind);
}

// "n devices not counted": devices whose figure of the precision shown is unknown, so that a
// total is never read as complete when it is not (docs/indicator.md).
export function notCountedText(count, precision) {
  return `${formatCount(count)} device${count === 1 ? '' : 's'} not counted (` +
      `${precisionLabel(precision)} peak unknown)`;
}

function renderPeakNote(counts, h) {
  const derived = counts.devices_derived_peak || 0;
  const unknown = counts.devices_unknown_peak || 0;
  const missing = h.devices_unknown_peak || 0;
  const note = byId('peak-note');
  note.classList.toggle('warn', unknown > 0 || missing > 0);
  if (!counts.devices) {
    note.replaceChildren(el('span', {lang: 'zh-CN', text: '暂无设备上报。'}),
                         ' No devices reported yet.');
    return;
  }
  const notCounted = missing > 0 ?
      [el('span', {lang: 'zh-CN', text: ` 总量未计入 ${formatCount(missing)} 台（峰值未知）。`}),
       ` The headline leaves out ${notCountedText(missing, h.precision)}.`] :
      [];
  if (derived === 0 && unknown === 0) {
    note.replaceChildren(el('span', {lang: 'zh-CN', text: '全部设备峰值来自目录或配置。'}),
                         ' All device peaks come from the catalog or the operator.',
                         ...notCounted);
    return;
  }
  note.replaceChildren(
      el('span', {
        lang: 'zh-CN',
        text: `推算峰值 ${formatCount(derived)} 台，峰值未知 ${formatCount(unknown)} 台（不计入总量）。`,
      }),
      ` Of ${formatCount(counts.devices)} devices, ${formatCount(derived)} have a derived peak ` +
          `(scaled from a row of the same silicon, or units × clock × rate) and ` +
          `${formatCount(unknown)} an unknown peak (not counted in any total).`,
      ...notCounted);
}

// Installed is checked against central's catalog (verified) or counted as reported (unverified).
function renderVerification(h) {
  const verified = formatPflops(h.verified_pflops);
  const unverified = formatPflops(h.unverified_pflops);
  byId('headline-verified').replaceChildren(
      el('span', {lang: 'zh-CN', text: `已核验 ${verified} · 未核验 ${unverified}`}),
      ` · Verified ${verified} · unverified ${unverified} ${unitOf(h.precision)}`);
}

// 功率 Power: the city's live devices that report power; those that do not are counted apart.
function renderPowerTile(ind) {
  const kw = powerKw(ind);
  byId('power-tile').hidden = kw === undefined;
  if (kw === undefined) return;
  const value = byId('power-kw');
  value.textContent = formatKw(kw);
  value.dataset.value = String(kw);
  const without = pick(ind, 'energy', 'devices_without_power') || 0;
  byId('power-note').textContent =
      without > 0 ? `${formatCount(without)} 台无读数 · ${formatCount(without)} without a reading` : '';
}

// 量算 Quantum: qubits installed and live, never added to any FLOPS figure.
function renderQuantumTile(ind) {
  const q = quantumFigures(ind);
  byId('quantum-tile').hidden = q === undefined;
  if (q === undefined) return;
  const value = byId('quantum-qubits');
  value.textContent = formatCount(q.installed);
  value.dataset.value = String(q.installed);
  byId('quantum-note').replaceChildren(...bilingual('在线', `live ${formatCount(q.live)}`));
}
