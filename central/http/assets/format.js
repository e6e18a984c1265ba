// Numbers and times as the dashboard shows them; an absent figure is "—", never 0.

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

// Four significant digits or more (three below 1), thousands separated.
export function formatPflops(value) {
  if (!isNumber(value)) return '—';
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

export function formatPercent(percent) {
  if (!isNumber(percent)) return '—';
  if (percent > 0 && percent < 0.01) return '< 0.01%';
  return `${percent.toFixed(percent < 1 ? 2 : 1)}%`;
}

export function formatCount(value) {
  return isNumber(value) ? value.toLocaleString('en-US') : '—';
}

export function formatKw(value) {
  if (!isNumber(value)) return '—';
  return value.toLocaleString('en-US', {maximumFractionDigits: value >= 100 ? 0 : 1});
}

const pad = (n) => String(n).padStart(2, '0');

export function formatTime(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDay(ms) {
  const d = new Date(ms);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function formatMonth(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

// A label for a time axis tick: the clock within two days, the day within a year, else the month.
export function timeTickFormatter(spanMs) {
  if (spanMs <= 2 * 86400000) return formatTime;
  if (spanMs <= 366 * 86400000) return formatDay;
  return formatMonth;
}

// "14:05" today, "03-12 14:05" on another day.
export function formatWhen(ms) {
  const sameDay = new Date(ms).toDateString() === new Date().toDateString();
  return sameDay ? formatTime(ms) : `${formatDay(ms)} ${formatTime(ms)}`;
}
