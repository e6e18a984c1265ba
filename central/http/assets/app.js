// The suanli dashboard: reads /api/v1/indicator every few seconds and /api/v1/history now and
// then, and draws them with plain DOM nodes. Every string from the API goes through textContent.
'use strict';

(() => {
  const REFRESH_MS = 5000;
  const HISTORY_EVERY_N_REFRESHES = 6;
  const LATE_AFTER_MS = 15000;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const PRECISIONS = [
    ['fp64', 'FP64'],
    ['fp64_tensor', 'FP64 Tensor'],
    ['fp32', 'FP32'],
    ['tf32', 'TF32'],
    ['fp16', 'FP16'],
    ['bf16', 'BF16'],
    ['fp8', 'FP8'],
    ['int8', 'INT8'],
  ];
  const CLASSES = [
    ['intelligent', '智算', 'Intelligent'],
    ['general', '通用', 'General'],
    ['supercomputing', '超算', 'Supercomputing'],
  ];
  const NODE_STATES = [
    ['online', '在线', 'Online'],
    ['stale', '滞后', 'Stale'],
    ['offline', '离线', 'Offline'],
    ['retired', '退役', 'Retired'],
  ];
  const SERIES = ['installed', 'live', 'achieved'];

  const view = {
    indicator: null,
    precision: null,     // chosen in the selector; the headline precision until then
    failingSince: null,  // ms of the first failed refresh in a row
    lastError: '',
    refreshes: 0,
  };

  const byId = (id) => document.getElementById(id);

  // el('td', {className: 'num', text: '1.0', lang: 'zh-CN'}, [children...])
  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    if (props.className) node.className = props.className;
    if (props.text !== undefined) node.textContent = String(props.text);
    if (props.lang) node.lang = props.lang;
    if (props.title) node.title = props.title;
    if (props.scope) node.scope = props.scope;
    for (const child of children)
      node.append(child);
    return node;
  }

  // "智算 Intelligent" with the Chinese part marked as such.
  function bilingual(zh, en) { return [el('span', {text: zh, lang: 'zh-CN'}), ' ' + en]; }

  function labelOf(table, key) {
    const row = table.find((r) => r[0] === key);
    return row ? row : [key, '', key];
  }

  function precisionLabel(key) {
    const row = PRECISIONS.find((p) => p[0] === key);
    return row ? row[1] : key;
  }

  function unitOf(precision) { return precision === 'int8' ? 'POPS' : 'PFLOPS'; }

  // Four significant digits or more (three below 1), thousands separated.
  function formatPflops(value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
    const magnitude = Math.abs(value);
    if (magnitude > 0 && magnitude < 1) {
      return value.toLocaleString('en-US', {maximumSignificantDigits: 3});
    }
    const digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3;
    return value.toLocaleString('en-US', {
      minimumFractionDigits: value === 0 ? 0 : digits,
      maximumFractionDigits: digits,
    });
  }

  function formatPercent(percent) {
    if (percent > 0 && percent < 0.01) return '< 0.01%';
    return `${percent.toFixed(percent < 1 ? 2 : 1)}%`;
  }

  function formatCount(value) {
    return typeof value === 'number' ? value.toLocaleString('en-US') : '—';
  }

  function formatTime(ms) {
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function pick(obj, ...path) {
    let cur = obj;
    for (const key of path) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = cur[key];
    }
    return cur;
  }

  async function getJson(url) {
    const response = await fetch(url, {cache: 'no-store', headers: {Accept: 'application/json'}});
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  // ---- headline ----

  function renderHeadline(ind) {
    const h = ind.headline || {};
    const installed = byId('headline-installed');
    installed.textContent = formatPflops(h.installed_pflops);
    installed.dataset.pflops = String(h.installed_pflops);
    byId('headline-unit').textContent = unitOf(h.precision);
    const [, zh, en] = labelOf(CLASSES, h.class);
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
    byId('progress-label')
        .replaceChildren(
            el('strong', {text: shown}), ` of the ${h.target_year} target of ${target} · `,
            el('span',
               {lang: 'zh-CN', text: `${h.target_year} 年目标 ${target}，已完成 ${shown}`}));

    const counts = ind.counts || {};
    byId('count-devices').textContent = formatCount(counts.devices);
    byId('count-centers').textContent = formatCount(counts.centers);
    renderPeakNote(counts, h);
  }

  // "n devices not counted": devices whose figure of the precision shown is unknown, so that a
  // total is never read as complete when it is not (docs/indicator.md).
  function notCountedText(count, precision) {
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
      note.replaceChildren(
          'No devices reported yet. ', el('span', {lang: 'zh-CN', text: '暂无设备上报。'}));
      return;
    }
    const notCounted = missing > 0 ?
        [`The headline leaves out ${notCountedText(missing, h.precision)}. `,
         el('span', {lang: 'zh-CN', text: `总量未计入 ${formatCount(missing)} 台（峰值未知）。`})] :
        [];
    if (derived === 0 && unknown === 0) {
      note.replaceChildren(
          'All device peaks come from the catalog or the operator. ',
          el('span', {lang: 'zh-CN', text: '全部设备峰值来自目录或配置。'}), ...notCounted);
      return;
    }
    note.replaceChildren(
        `Of ${formatCount(counts.devices)} devices, ${formatCount(derived)} have a derived peak ` +
            `(scaled from a row of the same silicon, or units × clock × rate) and ` +
            `${formatCount(unknown)} an unknown peak (not counted in any total). `,
        el('span', {
          lang: 'zh-CN',
          text: `推算峰值 ${formatCount(derived)} 台，峰值未知 ${
              formatCount(unknown)} 台（不计入总量）。`,
        }),
        ...notCounted);
  }

  // Installed is checked against central's catalog (verified) or counted as reported (unverified).
  function renderVerification(ind) {
    const h = ind.headline || {};
    byId('headline-verified').replaceChildren(
        `Verified ${formatPflops(h.verified_pflops)} · unverified ${
            formatPflops(h.unverified_pflops)} ${unitOf(h.precision)} `,
        el('span', {
          lang: 'zh-CN',
          text: `已核验 ${formatPflops(h.verified_pflops)} · 未核验 ${
              formatPflops(h.unverified_pflops)}`,
        }));
  }

  // ---- nodes by state ----

  function renderNodeStates(ind) {
    const nodes = pick(ind, 'counts', 'nodes') || {};
    const items = NODE_STATES.map(
        ([key, zh, en]) => el('li', {className: `state state-${key}`}, [
          el('span', {className: 'state-count', text: formatCount(nodes[key] || 0)}),
          el('span', {className: 'state-label'}, bilingual(zh, en)),
        ]));
    byId('node-states').replaceChildren(...items);
    const total = NODE_STATES.reduce((sum, [key]) => sum + (nodes[key] || 0), 0);
    byId('node-total')
        .replaceChildren(
            `${formatCount(total)} nodes in ${
                formatCount(pick(ind, 'counts', 'centers'))} centers · `,
            el('span', {lang: 'zh-CN', text: `共 ${formatCount(total)} 个节点`}));
  }

  // ---- tables ----

  function valueCells(totals, precision) {
    return SERIES.map(
        (series) => el(
            'td',
            {className: 'num', text: formatPflops(pick(totals, `${series}_pflops`, precision))}));
  }

  function nodeSummary(nodes) {
    const cell = el('td', {className: 'num nodes'});
    const parts = NODE_STATES.filter(([key]) => (nodes || {})[key] > 0);
    if (parts.length === 0) {
      cell.textContent = '—';
      return cell;
    }
    for (const [key, zh, en] of parts) {
      const pill = el('span', {
        className: `pill state-${key}`,
        text: formatCount(nodes[key]),
        title: `${en} ${zh}`,
      });
      pill.append(el('span', {className: 'sr-only', text: ` ${en}`}));
      cell.append(pill);
    }
    return cell;
  }

  // Each class at its own convention (智算 FP16, 通算 FP32, 超算 FP64) until a precision is picked;
  // classes are never added together.
  function renderClassTable(ind, picked) {
    const rows = CLASSES.map(([key, zh, en]) => {
      const precision = picked || pick(ind, 'classes', key, 'precision') || 'fp16';
      const missing = pick(ind, 'by_class', key, 'devices_unknown_peak', precision) || 0;
      const name = el('th', {scope: 'row'}, bilingual(zh, en));
      if (missing > 0) {
        name.append(el('span', {className: 'flag warn', text: notCountedText(missing, precision)}));
      }
      return el('tr', {}, [
        name,
        el('td', {text: `${precisionLabel(precision)} · ${unitOf(precision)}`}),
        ...valueCells(pick(ind, 'by_class', key), precision),
      ]);
    });
    document.querySelector('#class-table tbody').replaceChildren(...rows);
  }

  function centerNameCell(center, precision) {
    const cell = el('th', {scope: 'row'}, [el('span', {className: 'name', text: center.name})]);
    if (center.name !== center.id) cell.append(el('span', {className: 'id', text: center.id}));
    // A device of unknown peak adds nothing: no backend measures it (docs/devices.md).
    const unknown = center.devices_unknown_peak || 0;
    const derived = center.devices_derived_peak || 0;
    if (unknown > 0) {
      cell.append(el('span', {className: 'flag warn'}, [
        `${formatCount(unknown)} ${unknown === 1 ? 'device' : 'devices'} not measured `,
        el('span', {lang: 'zh-CN', text: `${formatCount(unknown)} 台未计入`}),
      ]));
    }
    if (derived > 0) {
      cell.append(el('span', {className: 'flag', text: `peaks: ${formatCount(derived)} derived`}));
    }
    const missing = pick(centerFigures(center), 'devices_unknown_peak', precision) || 0;
    if (missing > 0) {
      cell.append(el('span', {className: 'flag warn', text: notCountedText(missing, precision)}));
    }
    return cell;
  }

  // A center's figures are those of its own class.
  function centerFigures(c) {
    return pick(c, 'by_class', c['class']);
  }

  function renderCentersTable(ind, precision) {
    const installed = (c) => pick(centerFigures(c), 'installed_pflops', precision) || 0;
    const centers = [...(ind.centers || [])].sort(
        (a, b) => installed(b) - installed(a) || String(a.name).localeCompare(String(b.name)));
    const rows = centers.map((c) => {
      const [, zh, en] = labelOf(CLASSES, c['class']);
      return el('tr', {}, [
        centerNameCell(c, precision),
        el('td', {text: c.district || '—'}),
        el('td', {}, bilingual(zh, en)),
        nodeSummary(c.nodes),
        ...valueCells(centerFigures(c), precision),
      ]);
    });
    if (rows.length === 0) rows.push(emptyRow(7, 'No centers yet', '暂无算力中心'));
    const unlisted = pick(ind, 'counts', 'centers_unlisted') || 0;
    if (unlisted > 0) {
      const count = formatCount(unlisted);
      rows.push(emptyRow(7, `${count} more centers not listed (GET /api/v1/centers)`,
                         `另有 ${count} 个算力中心未列出`));
    }
    document.querySelector('#centers-table tbody').replaceChildren(...rows);
  }

  function renderDistrictsTable(ind, precision) {
    const intelligent = (d) => pick(d, 'by_class', 'intelligent');
    const installed = (d) => pick(intelligent(d), 'installed_pflops', precision) || 0;
    const districts = [...(ind.by_district || [])].sort((a, b) => installed(b) - installed(a));
    const rows = districts.map((d) => el('tr', {}, [
                                 el('th', {scope: 'row', text: d.district || '—'}),
                                 nodeSummary(d.nodes),
                                 ...valueCells(intelligent(d), precision),
                               ]));
    if (rows.length === 0) rows.push(emptyRow(5, 'No districts yet', '暂无区县数据'));
    const unlisted = pick(ind, 'counts', 'districts_unlisted') || 0;
    if (unlisted > 0) {
      rows.push(emptyRow(5, `${formatCount(unlisted)} more districts not listed`,
                         `另有 ${formatCount(unlisted)} 个区县未列出`));
    }
    document.querySelector('#districts-table tbody').replaceChildren(...rows);
  }

  function emptyRow(columns, en, zh) {
    const cell =
        el('td', {className: 'empty'}, [en + ' · ', el('span', {lang: 'zh-CN', text: zh})]);
    cell.colSpan = columns;
    return el('tr', {}, [cell]);
  }

  function renderTables() {
    const ind = view.indicator;
    if (!ind) return;
    const precision = view.precision || pick(ind, 'headline', 'precision') || 'fp16';
    for (const scope of document.querySelectorAll('.precision-scope')) {
      scope.textContent = `${precisionLabel(precision)} · ${unitOf(precision)}`;
    }
    renderClassTable(ind, view.precision);
    renderCentersTable(ind, precision);
    renderDistrictsTable(ind, precision);
  }

  function setUpPrecisionPicker() {
    const select = byId('precision');
    for (const [key, label] of PRECISIONS) {
      const option = el('option', {text: `${label} (${unitOf(key)})`});
      option.value = key;
      select.append(option);
    }
    select.addEventListener('change', () => {
      view.precision = select.value;
      renderTables();
    });
  }

  // ---- trend chart ----

  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs))
      node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  // A round axis maximum at or above `max`.
  function niceCeiling(max) {
    if (!(max > 0)) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(max)));
    for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
      if (step * power >= max) return step * power;
    }
    return 10 * power;
  }

  // Path data for one series; a gap of more than 1.5 steps lifts the pen.
  function seriesPath(points, series, x, y, stepMs) {
    let d = '';
    let previousTs = null;
    for (const p of points) {
      const value = p[`${series}_pflops`];
      if (typeof value !== 'number') {
        previousTs = null;
        continue;
      }
      const joined = previousTs !== null && p.ts_ms - previousTs <= stepMs * 1.5;
      // 'h0' after a move: a point with no neighbour still shows, as a round dot.
      d += `${joined ? 'L' : 'M'}${x(p.ts_ms).toFixed(1)},${y(value).toFixed(1)}${
          joined ? '' : 'h0'}`;
      previousTs = p.ts_ms;
    }
    return d;
  }

  function renderTrend(history) {
    const box = byId('trend');
    const points = (history && Array.isArray(history.points)) ? history.points : [];
    const unit = unitOf(history && history.precision);
    byId('trend-scope').textContent = history ?
        `${precisionLabel(history.precision)} ${unit} · ${formatTime(history.from_ms)}–${
            formatTime(history.to_ms)}` :
        '';
    if (points.length === 0) {
      box.replaceChildren(
          el('p', {className: 'empty'},
             ['No history yet · ', el('span', {lang: 'zh-CN', text: '暂无历史数据'})]));
      return;
    }
    const width = 640, height = 240, left = 56, right = 12, top = 12, bottom = 28;
    const from = history.from_ms, to = Math.max(history.to_ms, from + 1);
    const maxValue = niceCeiling(Math.max(...points.flatMap(
        (p) => SERIES.map((s) => p[`${s}_pflops`]).filter((v) => typeof v === 'number'))));
    const x = (ts) => left + (ts - from) / (to - from) * (width - left - right);
    const y = (v) => top + (1 - v / maxValue) * (height - top - bottom);

    const latest = points[points.length - 1];
    const chart = svg('svg', {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Trend of installed, live and achieved ${unit}; latest installed ` +
          `${formatPflops(latest.installed_pflops)} at ${formatTime(latest.ts_ms)}`,
    });
    const ticks = 4;
    const tickDecimals = Math.max(0, 1 - Math.floor(Math.log10(maxValue / ticks)));
    for (let i = 0; i <= ticks; ++i) {
      const value = maxValue * i / ticks;
      chart.append(
          svg('line', {class: 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value)}));
      chart.append(
          svg('text', {class: 'axis', x: left - 6, y: y(value) + 4, 'text-anchor': 'end'},
              value.toLocaleString('en-US', {maximumFractionDigits: tickDecimals})));
    }
    const labels = 6;
    for (let i = 0; i <= labels; ++i) {
      const ts = from + (to - from) * i / labels;
      const anchor = i === 0 ? 'start' : i === labels ? 'end' : 'middle';
      chart.append(svg(
          'text', {class: 'axis', x: x(ts), y: height - 8, 'text-anchor': anchor}, formatTime(ts)));
    }
    const stepMs = history.step_ms || 60000;
    // Installed last, dashed: it often equals live and would hide under it. The dots mark each
    // series' latest point, and show a series that has a single point.
    const order = ['achieved', 'live', 'installed'];
    for (const series of order) {
      chart.append(svg(
          'path', {class: `line series-${series}`, d: seriesPath(points, series, x, y, stepMs)}));
    }
    for (const series of order) {
      const latest = [...points].reverse().find((p) => typeof p[`${series}_pflops`] === 'number');
      if (!latest) continue;
      chart.append(svg('circle', {
        class: `latest series-${series}`,
        cx: x(latest.ts_ms),
        cy: y(latest[`${series}_pflops`]),
        r: 3.5,
      }));
    }
    box.replaceChildren(chart);
  }

  async function refreshHistory() {
    try {
      renderTrend(await getJson('/api/v1/history'));
    } catch (err) {
      if (!byId('trend').firstChild) {
        byId('trend').replaceChildren(
            el('p', {className: 'empty', text: `History unavailable: ${err.message}`}));
      }
    }
  }

  // ---- freshness ----

  function renderFreshness() {
    const box = byId('freshness');
    const text = byId('freshness-text');
    const generated = pick(view.indicator, 'generated_ms');
    const ageS = generated ? Math.max(0, Math.round((Date.now() - generated) / 1000)) : null;
    const late = view.failingSince !== null || (ageS !== null && ageS * 1000 > LATE_AFTER_MS);
    box.classList.toggle('warn', late);
    box.classList.toggle('ok', !late && ageS !== null);
    document.body.classList.toggle('is-late', late);
    if (ageS === null) {
      text.replaceChildren(
          view.failingSince !== null ? `API not answering (${view.lastError}) ` : 'Connecting… ',
          el('span', {lang: 'zh-CN', text: view.failingSince !== null ? '接口无响应' : '连接中'}));
      return;
    }
    if (late) {
      text.replaceChildren(
          `Not updated for ${ageS} s — API not answering `,
          el('span', {lang: 'zh-CN', text: `已 ${ageS} 秒未更新`}));
      return;
    }
    text.replaceChildren(
        `Updated ${ageS} s ago `, el('span', {lang: 'zh-CN', text: `${ageS} 秒前更新`}));
  }

  // ---- anomalies ----

  const ANOMALY_KINDS = {
    peak_mismatch: ['峰值与目录不符', 'Peak off the catalog'],
    implausible_peak: ['峰值不可信', 'Implausible peak'],
    duplicate_device: ['重复设备', 'Duplicate device'],
    device_moved: ['设备迁移', 'Device moved'],
    bound_violation: ['读数越界', 'Reading out of bounds'],
    identity_mismatch: ['身份不符', 'Identity mismatch'],
  };

  function renderAnomalies(list) {
    const rows = list.map((a) => {
      const [zh, en] = ANOMALY_KINDS[a.kind] || [a.kind, a.kind];
      return el('tr', {className: 'anomaly'}, [
        el('th', {scope: 'row'}, bilingual(zh, en)),
        el('td', {text: `${a.center}/${a.node}`}),
        el('td', {text: a.device || '—'}),
        el('td', {className: 'detail', text: a.detail}),
        el('td', {text: formatTime(a.since_ms)}),
      ]);
    });
    if (rows.length === 0) rows.push(emptyRow(5, 'No anomalies', '无异常'));
    document.querySelector('#anomalies-table tbody').replaceChildren(...rows);
    byId('anomaly-count').textContent = formatCount(list.length);
  }

  // ---- refresh loop ----

  async function refresh() {
    try {
      const ind = await getJson('/api/v1/indicator');
      view.indicator = ind;
      view.failingSince = null;
      if (!view.precision) byId('precision').value = pick(ind, 'headline', 'precision') || 'fp16';
      renderHeadline(ind);
      renderVerification(ind);
      renderNodeStates(ind);
      renderTables();
      renderAnomalies(pick(await getJson('/api/v1/anomalies'), 'anomalies') || []);
    } catch (err) {
      if (view.failingSince === null) view.failingSince = Date.now();
      view.lastError = err.message;
    }
    renderFreshness();
    if (view.refreshes++ % HISTORY_EVERY_N_REFRESHES === 0) await refreshHistory();
    setTimeout(refresh, REFRESH_MS);
  }

  function start() {
    setUpPrecisionPicker();
    setInterval(renderFreshness, 1000);
    refresh();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
