// 考核方案: DATA.md's default scheme (version 0, never stored) and the saved versions, one line
// of schemes per object type (支行 = 'org', 客户经理 = 'staff'). Every save is a new version; a
// sheet records the version it used, so an old sheet can be read back against its scheme.
import { z } from 'zod';
import { DEFAULT_SCHEME_NAMES, TARGET_INDICATORS, type ObjectType, type Scheme, type SchemeIndicator, type TargetIndicatorId } from '../../../shared/assessment.js';
import { auditInTransaction } from '../audit/index.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { bumpAssessGeneration } from './generation.js';

export const DEFAULT_FLOOR = 0.6;
export const DEFAULT_CAP = 1.2;
export const DEFAULT_DEDUCTION = { per_alert: 1, max: 10 } as const;

const IDS = TARGET_INDICATORS.map((t) => t.id) as [TargetIndicatorId, ...TargetIndicatorId[]];

/**
 * Version 0: the indicators of DATA.md's target table that have a default weight, with its
 * direction. Staff get the same: DATA.md gives one table, and a 客户经理's rows carry every one of
 * these figures (deposits by 归属, loans by 经办, merchants by 拓展, cards by 营销, visits by 走访).
 */
export function defaultScheme(type: ObjectType): Scheme {
  return {
    object_type: type,
    version: 0,
    name: DEFAULT_SCHEME_NAMES[type].zh,
    indicators: TARGET_INDICATORS.filter((t) => t.weight !== null).map((t) => ({
      indicator: t.id,
      weight: t.weight!,
      lowerIsBetter: t.lowerIsBetter,
      floor: DEFAULT_FLOOR,
      cap: DEFAULT_CAP,
    })),
    deduction: { ...DEFAULT_DEDUCTION },
    saved_by: null,
    saved_at: null,
  };
}

const IndicatorSchema = z
  .object({
    indicator: z.enum(IDS),
    weight: z.number().finite().min(0, '权重不能为负 (a weight cannot be negative)').max(1000),
    lowerIsBetter: z.boolean(),
    floor: z.number().finite().min(0).max(10),
    cap: z.number().finite().min(0).max(10),
  })
  .refine((i) => i.floor < i.cap, { message: '达标下限须小于封顶 (floor must be below cap)' });

export const SchemeBody = z.object({
  name: z.string().trim().min(1).max(100),
  indicators: z
    .array(IndicatorSchema)
    .min(1)
    .max(IDS.length)
    .refine((a) => new Set(a.map((i) => i.indicator)).size === a.length, { message: '指标重复 (an indicator is listed twice)' }),
  deduction: z.object({ per_alert: z.number().finite().min(0).max(100), max: z.number().finite().min(0).max(1000) }),
});
export type SchemeInput = z.input<typeof SchemeBody>;

interface Row {
  object_type: ObjectType;
  version: number;
  name: string;
  indicators: string;
  deduction: string;
  saved_by: string | null;
  saved_at: string;
}

const toScheme = (r: Row): Scheme => ({
  object_type: r.object_type,
  version: r.version,
  name: r.name,
  indicators: JSON.parse(r.indicators) as SchemeIndicator[],
  deduction: JSON.parse(r.deduction) as Scheme['deduction'],
  saved_by: r.saved_by,
  saved_at: r.saved_at,
});

/** The scheme in force: the latest saved version, else the default. */
export function currentScheme(db: Db, type: ObjectType): Scheme {
  const r = db.prepare('SELECT * FROM assess_scheme WHERE object_type = ? ORDER BY version DESC LIMIT 1').get(type) as Row | undefined;
  return r ? toScheme(r) : defaultScheme(type);
}

/** One version (0 = the default); null when no such version was saved. */
export function schemeVersion(db: Db, type: ObjectType, version: number): Scheme | null {
  if (version === 0) return defaultScheme(type);
  const r = db.prepare('SELECT * FROM assess_scheme WHERE object_type = ? AND version = ?').get(type, version) as Row | undefined;
  return r ? toScheme(r) : null;
}

/** Every version, newest first, the default last. */
export function schemeHistory(db: Db, type: ObjectType): Scheme[] {
  const rows = db.prepare('SELECT * FROM assess_scheme WHERE object_type = ? ORDER BY version DESC').all(type) as Row[];
  return [...rows.map(toScheme), defaultScheme(type)];
}

export function parseObjectType(v: string): ObjectType {
  if (v === 'org' || v === 'staff') return v;
  throw new UserInputError(`对象类型应为 org 或 staff：${v.slice(0, 20)} (object type is org or staff)`, 'bad_object_type');
}

/** Validates and saves a new version, audited in the same transaction. */
export function saveScheme(db: Db, type: ObjectType, body: unknown, username: string): Scheme {
  const r = SchemeBody.safeParse(body);
  if (!r.success) {
    throw new UserInputError(r.error.issues.map((i) => `${i.path.join('.') || '方案'}：${i.message}`).join('；'), 'bad_scheme');
  }
  const s = r.data;
  return db.transaction((): Scheme => {
    const prev = currentScheme(db, type);
    const version = prev.version + 1;
    const at = new Date().toISOString();
    db.prepare('INSERT INTO assess_scheme (object_type, version, name, indicators, deduction, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      type,
      version,
      s.name,
      JSON.stringify(s.indicators),
      JSON.stringify(s.deduction),
      username,
      at,
    );
    bumpAssessGeneration(db);
    auditInTransaction(db, { username, action: 'assess_scheme', target: `assess.scheme:${type}`, detail: { version, from: prev.version, scheme: s } });
    return currentScheme(db, type);
  })();
}
