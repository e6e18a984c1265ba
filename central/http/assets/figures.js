// The figures the page shows of an aggregate (the city, a center, a district) in one class:
// installed, live and achieved at one precision, or the qubits of quantum.

import {pick} from './dom.js';
import {conventionPrecision, QUANTUM, unitOf} from './labels.js';

// {precision, unit, installed, live, achieved, missing}: `totals` (a by_class entry of
// per-precision maps) at `precision`. A figure the API lacks stays undefined.
export function figuresAt(totals, precision) {
  return {
    precision,
    unit: unitOf(precision),
    installed: pick(totals, 'installed_pflops', precision),
    live: pick(totals, 'live_pflops', precision),
    achieved: pick(totals, 'achieved_pflops', precision),
    missing: pick(totals, 'devices_unknown_peak', precision) || 0,
  };
}

// A class at the picked precision, else at its own convention (智算 FP16, 通算 FP32, 超算 FP64).
export function classFigures(aggregate, classKey, picked) {
  const precision = picked || pick(aggregate, 'classes', classKey, 'precision') ||
      conventionPrecision(classKey) || 'fp16';
  return figuresAt(pick(aggregate, 'by_class', classKey), precision);
}

// Qubits of quantum computers (the Quantum contract's `quantum`); undefined when absent or when
// the aggregate has no quantum computer.
export function quantumFigures(aggregate) {
  const q = pick(aggregate, 'quantum');
  if (!q || !(q.devices > 0)) return undefined;
  return {
    precision: 'qubits',
    unit: 'qubits',
    installed: q.installed_qubits,
    live: q.live_qubits,
    achieved: undefined,
    missing: 0,
  };
}

// A center at its own class: FLOPS for 智算, 通算 and 超算, qubits for 量算.
export function centerFigures(center, picked) {
  if (center['class'] === QUANTUM[0]) return quantumFigures(center) || {unit: 'qubits', missing: 0};
  return classFigures(center, center['class'], picked);
}

export const isQuantum = (center) => center['class'] === QUANTUM[0];

// Achieved ÷ live, undefined where live is absent or 0.
export function utilization(figures) {
  if (typeof figures.achieved !== 'number' || !(figures.live > 0)) return undefined;
  return figures.achieved / figures.live;
}

// The power of an aggregate in kW (the Energy contract), undefined when central has none.
export function powerKw(aggregate) {
  const kw = pick(aggregate, 'energy', 'power_kw');
  return typeof kw === 'number' ? kw : undefined;
}
