// DOM helpers of the dashboard. Every string from the API goes in through textContent, never as
// markup.

export const byId = (id) => document.getElementById(id);

// el('td', {className: 'num', text: '1.0', lang: 'zh-CN', data: {value: 1}}, [children...])
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = String(props.text);
  if (props.lang) node.lang = props.lang;
  if (props.title) node.title = props.title;
  if (props.scope) node.scope = props.scope;
  for (const [key, value] of Object.entries(props.data || {})) {
    if (value !== undefined && value !== null) node.dataset[key] = String(value);
  }
  for (const child of children)
    node.append(child);
  return node;
}

// "智算 Intelligent" with the Chinese part marked as such.
export function bilingual(zh, en) {
  return [el('span', {text: zh, lang: 'zh-CN'}), ' ' + en];
}

// A row of one cell across `columns` columns: "No centers yet · 暂无算力中心".
export function emptyRow(columns, en, zh) {
  const cell = el('td', {className: 'empty'}, [en + ' · ', el('span', {lang: 'zh-CN', text: zh})]);
  cell.colSpan = columns;
  return el('tr', {}, [cell]);
}

// obj[path[0]][path[1]]..., undefined where any step is missing.
export function pick(obj, ...path) {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

export async function getJson(url) {
  const response = await fetch(url, {cache: 'no-store', headers: {Accept: 'application/json'}});
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// Shows or hides every element matching `selector` (a part whose figures the API lacks).
export function showAll(selector, shown) {
  for (const node of document.querySelectorAll(selector))
    node.hidden = !shown;
}

// Each cell of the table's body gets the text of its column's heading as data-label, which the
// stacked layout of narrow screens shows before the value (the value one box, so that it stays
// together).
export function labelCells(table) {
  const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, i) => {
      if (cell.colSpan !== 1 || !headings[i]) return;
      cell.dataset.label = headings[i];
      if (cell.tagName === 'TD' && cell.childNodes.length > 1) {
        cell.replaceChildren(el('span', {className: 'value'}, [...cell.childNodes]));
      }
    });
  }
}
