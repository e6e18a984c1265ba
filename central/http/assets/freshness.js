// The freshness pill of the masthead: how old the figures on screen are, and whether the API
// answers.

import {byId, el, pick} from './dom.js';

const LATE_AFTER_MS = 15000;

// view: {indicator, failingSince, lastError} of main.js.
export function renderFreshness(view) {
  const box = byId('freshness');
  const text = byId('freshness-text');
  const generated = pick(view.indicator, 'generated_ms');
  const ageS = generated ? Math.max(0, Math.round((Date.now() - generated) / 1000)) : null;
  const late = view.failingSince !== null || (ageS !== null && ageS * 1000 > LATE_AFTER_MS);
  box.classList.toggle('warn', late);
  box.classList.toggle('ok', !late && ageS !== null);
  document.body.classList.toggle('is-late', late);
  if (ageS === null) {
    const failing = view.failingSince !== null;
    text.replaceChildren(el('span', {lang: 'zh-CN', text: failing ? '接口无响应' : '连接中'}),
                         failing ? ` API not answering (${view.lastError})` : ' Connecting…');
    return;
  }
  if (late) {
    text.replaceChildren(el('span', {lang: 'zh-CN', text: `已 ${ageS} 秒未更新`}),
                         ` Not updated for ${ageS} s — API not answering`);
    return;
  }
  text.replaceChildren(el('span', {lang: 'zh-CN', text: `${ageS} 秒前更新`}),
                       ` Updated ${ageS} s ago`);
}
