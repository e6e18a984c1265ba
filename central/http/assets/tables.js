// The tables: by class, by center and by district, each figure at its class's own precision
// (智算 FP16, 通算 FP32, 超算 FP64, 量算 qubits) unless a precision is picked. Each figure cell
// carries the API's number in data-value; narrow screens stack the rows as cards (style.css).

import {bilingual, byId, el, emptyRow, labelCells, pick, showAll} from './dom.js';
import {formatCount, formatKw, formatPflops} from './format.js';
import {CLASSES, classLabel, NODE_STATES, precisionLabel, QUANTUM, SERIES} from './labels.js';
import {centerFigures, classFigures, powerKw, quantumFigures} from './figures.js';
import {notCountedText} from './headline.js';

function figureCells(figures) {
  return SERIES.map(([key]) => {
    const value = figures[key];
    const shown = figures.unit === 'qubits' ? formatCount(value) : formatPflops(value);
    return el('td', {className: 'num', text: shown, data: {series: key, value}});
  });
}

function powerCell(aggregate) {
  const kw = powerKw(aggregate);
  return el('td', {className: 'num energy-only', text: formatKw(kw), data: {value: kw}});
}

function precisionText(figures) {
  return figures.unit === 'qubits' ? 'qubits' : `${precisionLabel(figures.precision)} · ${figures.unit}`;
}

function missingFlag(figures) {
  return figures.missing > 0 ?
      [el('span', {className: 'flag warn', text: notCountedText(figures.missing, figures.precision)})] :
      [];
}

function nodeSummary(nodes) {
  const cell = el('td', {className: 'num nodes'});
  const parts = NODE_STATES.filter(([key]) => (nodes || {})[key] > 0);
  if (parts.length === 0) {
    cell.textContent = '—';
    return cell;
  }
  for (const [key, zh, en] of parts) {
    const pill = el('span', {className: `pill state-${key}`, text: formatCount(nodes[key]),
                             title: `${zh} ${en}`});
    pill.append(el('span', {className: 'sr-only', text: ` ${en}`}));
    cell.append(pill);
  }
  return cell;
}

function fillTable(id, rows) {
  const table = byId(id);
  table.querySelector('tbody').replaceChildren(...rows);
  labelCells(table);
}

// Classes are never added together; 量算 is in qubits.
function renderClassTable(ind, picked) {
  const rows = CLASSES.map(([key, zh, en]) => {
    const figures = classFigures(ind, key, picked);
    return el('tr', {data: {class: key}}, [
      el('th', {scope: 'row'}, [...bilingual(zh, en), ...missingFlag(figures)]),
      el('td', {text: precisionText(figures)}),
      ...figureCells(figures),
    ]);
  });
  const quantum = quantumFigures(ind);
  if (quantum) {
    rows.push(el('tr', {data: {class: QUANTUM[0]}}, [
      el('th', {scope: 'row'}, bilingual(QUANTUM[1], QUANTUM[2])),
      el('td', {text: precisionText(quantum)}),
      ...figureCells(quantum),
    ]));
  }
  fillTable('class-table', rows);
}

function centerNameCell(center, figures) {
  const cell = el('th', {scope: 'row'}, [el('span', {className: 'name', text: center.name})]);
  if (center.name !== center.id) cell.append(el('span', {className: 'id', text: center.id}));
  // A device of unknown peak adds nothing: no backend measures it (docs/devices.md).
  const unknown = center.devices_unknown_peak || 0;
  const derived = center.devices_derived_peak || 0;
  if (unknown > 0) {
    cell.append(el('span', {className: 'flag warn'}, [
      el('span', {lang: 'zh-CN', text: `${formatCount(unknown)} 台未计入`}),
      ` ${formatCount(unknown)} ${unknown === 1 ? 'device' : 'devices'} not measured`,
    ]));
  }
  if (derived > 0) {
    cell.append(el('span', {className: 'flag', text: `peaks: ${formatCount(derived)} derived`}));
  }
  cell.append(...missingFlag(figures));
  return cell;
}

// Largest installed first; centers of another unit (qubits) after those in FLOPS.
export function sortedCenters(ind, picked) {
  const key = (c) => {
    const f = centerFigures(c, picked);
    return [f.unit === 'qubits' ? 1 : 0, f.installed || 0];
  };
  return [...(ind.centers || [])].sort((a, b) => {
    const [ua, ia] = key(a);
    const [ub, ib] = key(b);
    return ua - ub || ib - ia || String(a.name).localeCompare(String(b.name));
  });
}

function renderCentersTable(ind, picked, withPower) {
  const columns = withPower ? 8 : 7;
  const rows = sortedCenters(ind, picked).map((c) => {
    const figures = centerFigures(c, picked);
    const [, zh, en] = classLabel(c['class']);
    return el('tr', {data: {center: c.id}}, [
      centerNameCell(c, figures),
      el('td', {text: c.district || '—'}),
      el('td', {}, [...bilingual(zh, en), el('span', {className: 'id', text: precisionText(figures)})]),
      nodeSummary(c.nodes),
      ...figureCells(figures),
      powerCell(c),
    ]);
  });
  if (rows.length === 0) rows.push(emptyRow(columns, 'No centers yet', '暂无算力中心'));
  const unlisted = pick(ind, 'counts', 'centers_unlisted') || 0;
  if (unlisted > 0) {
    const count = formatCount(unlisted);
    rows.push(emptyRow(columns, `${count} more centers not listed (GET /api/v1/centers)`,
                       `另有 ${count} 个算力中心未列出`));
  }
  fillTable('centers-table', rows);
}

// Districts in the headline class (智算 unless configured otherwise).
function renderDistrictsTable(ind, picked, withPower) {
  const classKey = pick(ind, 'headline', 'class') || 'intelligent';
  const columns = withPower ? 6 : 5;
  const figuresOf = (d) => classFigures(d, classKey, picked);
  const districts = [...(ind.by_district || [])].sort(
      (a, b) => (figuresOf(b).installed || 0) - (figuresOf(a).installed || 0));
  const rows = districts.map((d) => el('tr', {data: {district: d.district}}, [
    el('th', {scope: 'row', text: d.district || '—'}),
    nodeSummary(d.nodes),
    ...figureCells(figuresOf(d)),
    powerCell(d),
  ]));
  if (rows.length === 0) rows.push(emptyRow(columns, 'No districts yet', '暂无区县数据'));
  const unlisted = pick(ind, 'counts', 'districts_unlisted') || 0;
  if (unlisted > 0) {
    rows.push(emptyRow(columns, `${formatCount(unlisted)} more districts not listed`,
                       `另有 ${formatCount(unlisted)} 个区县未列出`));
  }
  fillTable('districts-table', rows);
  const [, zh, en] = classLabel(classKey);
  const precision = figuresOf({}).precision;
  byId('districts-scope').textContent = `${zh} ${en} · ${precisionLabel(precision)}`;
}

export function renderTables(ind, picked) {
  const withPower = powerKw(ind) !== undefined;
  renderClassTable(ind, picked);
  renderCentersTable(ind, picked, withPower);
  renderDistrictsTable(ind, picked, withPower);
  showAll('.energy-only', withPower);
}
