// The scheme editor's form: floor and cap in % as people write them (60, 120), fractions in the
// core (0.6, 1.2). The checks repeat the core's (electron/core/assess/scheme.ts SchemeBody) so a
// mistake is named on its row before the request; the core's answer stays the last word.
// No DOM: unit-tested in Node.
import { DEFAULT_SCHEME_NAMES, type Scheme, type TargetIndicatorId } from '../../../shared/assessment.js';

/** What PUT /api/assess/schemes/:type takes (electron/core/assess/scheme.ts SchemeBody). Spelled here,
 *  not imported from api/: this module is also compiled by the Node tests, without Vite's import.meta.env. */
export type SchemeBody = Pick<Scheme, 'name' | 'indicators' | 'deduction'>;

export interface FormRow {
  indicator: TargetIndicatorId;
  weight: number | null;
  lowerIsBetter: boolean;
  floorPct: number | null;
  capPct: number | null;
}

export interface SchemeForm {
  name: string;
  rows: FormRow[];
  perAlert: number | null;
  max: number | null;
}

/** A % of the form as a fraction without float noise (62.5 → 0.625, not 0.6250000000000001). */
const fraction = (pct: number) => Number((pct / 100).toPrecision(12));
const pct = (f: number) => Number((f * 100).toPrecision(12));

export function toForm(s: Scheme): SchemeForm {
  return {
    name: s.name,
    rows: s.indicators.map((i) => ({ indicator: i.indicator, weight: i.weight, lowerIsBetter: i.lowerIsBetter, floorPct: pct(i.floor), capPct: pct(i.cap) })),
    perAlert: s.deduction.per_alert,
    max: s.deduction.max,
  };
}

export function fromForm(f: SchemeForm): SchemeBody {
  return {
    name: f.name.trim(),
    indicators: f.rows.map((r) => ({ indicator: r.indicator, weight: r.weight ?? 0, lowerIsBetter: r.lowerIsBetter, floor: fraction(r.floorPct ?? 0), cap: fraction(r.capPct ?? 0) })),
    deduction: { per_alert: f.perAlert ?? 0, max: f.max ?? 0 },
  };
}

export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

const num = (v: number | null, lo: number, hi: number) => v !== null && Number.isFinite(v) && v >= lo && v <= hi;

/** What is wrong with the form, row by row (1-based), as message keys under `ascheme.invalid`. */
export function validate(f: SchemeForm, nameOf: (id: TargetIndicatorId) => string): Problem[] {
  const out: Problem[] = [];
  if (!f.name.trim()) out.push({ key: 'name' });
  if (!f.rows.length) out.push({ key: 'none' });
  f.rows.forEach((r, i) => {
    const params = { row: i + 1, name: nameOf(r.indicator) };
    if (!num(r.weight, 0, 1000)) out.push({ key: 'weight', params });
    if (!num(r.floorPct, 0, 1000) || !num(r.capPct, 0, 1000)) out.push({ key: 'range', params });
    else if (r.floorPct! >= r.capPct!) out.push({ key: 'floorCap', params });
  });
  if (!num(f.perAlert, 0, 100) || !num(f.max, 0, 1000)) out.push({ key: 'deduction' });
  return out;
}

/** Whether saving the form would change nothing against the scheme in force. */
export function sameAs(f: SchemeForm, s: Scheme): boolean {
  const a = fromForm(f);
  return JSON.stringify(a) === JSON.stringify({ name: s.name, indicators: s.indicators.map((i) => ({ indicator: i.indicator, weight: i.weight, lowerIsBetter: i.lowerIsBetter, floor: i.floor, cap: i.cap })), deduction: { per_alert: s.deduction.per_alert, max: s.deduction.max } });
}

const DEFAULTS = Object.values(DEFAULT_SCHEME_NAMES);

/** A scheme's name in the page's language: a built-in default name (version 0's, which a save that
 *  did not rename the scheme keeps) is translated; any other name is data and shown as typed. */
export function shownName(stored: string, lang: string): string {
  const d = DEFAULTS.find((x) => x.zh === stored);
  return d && lang === 'en' ? d.en : stored;
}

/** The name to store for what the name field shows: the default name in the page's language is
 *  the built-in one, so an English form of an unrenamed scheme is no change and saves no English. */
export function storedName(typed: string, lang: string): string {
  const d = lang === 'en' ? DEFAULTS.find((x) => x.en === typed.trim()) : undefined;
  return d ? d.zh : typed;
}
