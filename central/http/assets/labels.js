// Names the dashboard shows for the API's keys, Chinese first with English beside it.

export const PRECISIONS = [
  ['fp64', 'FP64'],
  ['fp64_tensor', 'FP64 Tensor'],
  ['fp32', 'FP32'],
  ['tf32', 'TF32'],
  ['fp16', 'FP16'],
  ['bf16', 'BF16'],
  ['fp8', 'FP8'],
  ['int8', 'INT8'],
];

// The FLOPS classes with their convention precision (docs/indicator.md); quantum is apart.
export const CLASSES = [
  ['intelligent', '智算', 'Intelligent', 'fp16'],
  ['general', '通算', 'General', 'fp32'],
  ['supercomputing', '超算', 'Supercomputing', 'fp64'],
];
export const QUANTUM = ['quantum', '量算', 'Quantum'];

export const NODE_STATES = [
  ['online', '在线', 'Online'],
  ['stale', '滞后', 'Stale'],
  ['offline', '离线', 'Offline'],
  ['retired', '退役', 'Retired'],
];

export const SERIES = [
  ['installed', '已装', 'Installed'],
  ['live', '在线', 'Live'],
  ['achieved', '实际', 'Achieved'],
];

export const ANOMALY_KINDS = {
  peak_mismatch: ['峰值与目录不符', 'Peak off the catalog'],
  implausible_peak: ['峰值不可信', 'Implausible peak'],
  duplicate_device: ['重复设备', 'Duplicate device'],
  device_moved: ['设备迁移', 'Device moved'],
  bound_violation: ['读数越界', 'Reading out of bounds'],
  identity_mismatch: ['身份不符', 'Identity mismatch'],
};

// [key, zh, en] of a class, quantum included; the key itself for one the page does not know.
export function classLabel(key) {
  if (key === QUANTUM[0]) return QUANTUM;
  return CLASSES.find((c) => c[0] === key) || [key, key, key];
}

export function conventionPrecision(classKey) {
  const row = CLASSES.find((c) => c[0] === classKey);
  return row ? row[3] : undefined;
}

export function precisionLabel(key) {
  const row = PRECISIONS.find((p) => p[0] === key);
  return row ? row[1] : key;
}

export function unitOf(precision) {
  return precision === 'int8' ? 'POPS' : 'PFLOPS';
}
