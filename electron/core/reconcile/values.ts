// An official figure as typed or written in a sheet, read for its indicator's unit: money in 元
// (at most 2 decimals, thousands separators allowed) to integer 分 by the importer's own reader,
// counts as integers, ratios as a fraction or a percentage, averages as a plain decimal.
import { INDICATOR_BY_KEY } from '../../../shared/indicators.js';
import { RECONCILABLE, type ReconcilableUnit } from '../../../shared/reconcile.js';
import { parseInteger, parseMoney, ValueError } from '../import/values.js';
import { formatDec, parseDec } from './decimal.js';

/** Stored as exact integers (分 or a count) or as decimal text (ratios, averages). */
export type StoredValue = { int: number; dec: null } | { int: null; dec: string };

const BY_ZH = new Map(RECONCILABLE.map((m) => [m.zh, m]));

/** The indicator a cell names, by key or Chinese name; a reason when it names none that can be reconciled. */
export function indicatorOf(text: string): { key: string; unit: ReconcilableUnit } | ValueError {
  const t = text.trim();
  const meta = BY_ZH.get(t) ?? RECONCILABLE.find((m) => m.key === t);
  if (meta) return { key: meta.key, unit: meta.unit as ReconcilableUnit };
  const other = INDICATOR_BY_KEY.get(t) ?? [...INDICATOR_BY_KEY.values()].find((m) => m.zh === t);
  if (other) return new ValueError(`指标“${t}”是分类明细，不是单个数字，不能对账`);
  return new ValueError(`未知指标“${t}”（应为指标编号或中文名，如 deposit_balance 或 各项存款余额）`);
}

export function readValue(text: string, unit: ReconcilableUnit): StoredValue | ValueError {
  const t = text.trim();
  if (t === '') return new ValueError('数值为空');
  if (unit === 'yuan') {
    const fen = parseMoney(t);
    return fen instanceof ValueError ? fen : { int: fen, dec: null };
  }
  if (unit === 'count') {
    const n = parseInteger(t);
    if (n instanceof ValueError) return n;
    if (n < 0) return new ValueError('个数不能为负');
    return { int: n, dec: null };
  }
  // a percentage means something for a ratio only; an average of items is a plain number
  const d = parseDec(t, unit === 'ratio');
  if (d === null) return new ValueError(unit === 'ratio' ? '应为比率，如 0.0123 或 1.23%' : '应为数字，如 5.2');
  if (d.scale > 20) return new ValueError('小数位过多（最多 20 位）');
  return { int: null, dec: formatDec(d) };
}
