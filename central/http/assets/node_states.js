// The node-state tiles: how many nodes are online, stale, offline and retired.

import {bilingual, byId, el, pick} from './dom.js';
import {formatCount} from './format.js';
import {NODE_STATES} from './labels.js';

export function renderNodeStates(ind) {
  const nodes = pick(ind, 'counts', 'nodes') || {};
  const items = NODE_STATES.map(([key, zh, en]) => el('li', {className: `state state-${key}`}, [
    el('span', {className: 'state-count', text: formatCount(nodes[key] || 0),
                data: {value: nodes[key] || 0}}),
    el('span', {className: 'state-label'}, bilingual(zh, en)),
  ]));
  byId('node-states').replaceChildren(...items);
  const total = NODE_STATES.reduce((sum, [key]) => sum + (nodes[key] || 0), 0);
  byId('node-total').replaceChildren(
      el('span', {lang: 'zh-CN', text: `共 ${formatCount(total)} 个节点`}),
      ` · ${formatCount(total)} nodes in ${formatCount(pick(ind, 'counts', 'centers'))} centers`);
}
