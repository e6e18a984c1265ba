// The 异常 Anomalies panel: what central did not believe (GET /api/v1/anomalies).

import {bilingual, byId, el, emptyRow, labelCells} from './dom.js';
import {formatCount, formatWhen} from './format.js';
import {ANOMALY_KINDS} from './labels.js';

export function renderAnomalies(list) {
  const rows = list.map((a) => {
    const [zh, en] = ANOMALY_KINDS[a.kind] || [a.kind, a.kind];
    return el('tr', {className: 'anomaly'}, [
      el('th', {scope: 'row'}, bilingual(zh, en)),
      el('td', {text: `${a.center}/${a.node}`}),
      el('td', {text: a.device || '—'}),
      el('td', {className: 'detail', text: a.detail}),
      el('td', {text: formatWhen(a.since_ms)}),
    ]);
  });
  if (rows.length === 0) rows.push(emptyRow(5, 'No anomalies', '无异常'));
  const table = byId('anomalies-table');
  table.querySelector('tbody').replaceChildren(...rows);
  labelCells(table);
  byId('anomaly-count').textContent = formatCount(list.length);
}
