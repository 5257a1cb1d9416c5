// Saved mapping profiles: a foreign layout mapped once, by header, and reused (UI and --profile).
import fs from 'node:fs/promises';
import { z } from 'zod';
import { DATASET_BY_ID, normaliseHeader, type DatasetId } from '../../../shared/datasets.js';
import type { MappingProfile } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';
import { DATE_FORMATS, isDateFormat, type DateFormat } from './date-formats.js';
import { cellReader, ValueError } from './values.js';
import { UserInputError } from '../errors.js';
import { MONEY_UNITS, PROFILE_DELIMITERS, PROFILE_ENCODINGS } from '../../../shared/profile-fields.js';

const key = z.string().trim().min(1);

const profileSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    dataset: z.enum(Object.keys(DATASET_BY_ID) as [DatasetId, ...DatasetId[]]),
    encoding: z.enum(PROFILE_ENCODINGS).optional(),
    delimiter: z.enum(PROFILE_DELIMITERS).optional(),
    skipRows: z.number().int().min(0).max(1000).optional(),
    header: z.array(z.string()).min(1).optional(),
    noHeader: z.boolean().optional(),
    columns: z.record(z.string(), z.union([key, z.array(key).min(1)])),
    ignore: z.array(z.string()).optional(),
    values: z.record(key, z.record(z.string(), z.string())).optional(),
    constants: z.record(key, z.string()).optional(),
    dateFormats: z.record(key, z.string()).optional(),
    moneyUnit: z.enum(MONEY_UNITS).optional(),
  })
  .strict();

/** zod's issues as one sentence that names the fields, e.g. unknown keys. */
function describeIssues(e: z.ZodError): string {
  return e.issues
    .map((i) => {
      const at = i.path.length ? i.path.join('.') : '(顶层)';
      if (i.code === 'unrecognized_keys') return `未知字段 ${i.keys.map((k) => `「${k}」`).join('、')}（映射方案不认识的字段不会被忽略）`;
      return `${at}：${i.message}`;
    })
    .join('；');
}

/**
 * Validates a profile: every field must apply as written. Targets must be columns of the dataset,
 * each filled once (by a source column or a constant); value maps, constants and date formats must
 * name columns of the dataset; constants must be readable values; `noHeader` needs a `header`.
 */
export function parseProfile(input: unknown): MappingProfile {
  const parsed = profileSchema.safeParse(input);
  const name = typeof (input as { name?: unknown })?.name === 'string' ? (input as { name: string }).name : '';
  if (!parsed.success) throw new ProfileError(`映射方案${name ? `「${name}」` : ''}无效：${describeIssues(parsed.error)}`);
  const p = parsed.data as MappingProfile;
  const ds = DATASET_BY_ID[p.dataset];
  const fail = (msg: string): never => {
    throw new ProfileError(`映射方案「${p.name}」：${msg}`);
  };
  const colOf = (k: string, where: string) => ds.columns.find((c) => c.key === k) ?? fail(`${where}「${k}」不是${ds.zh}的字段`);
  const used = new Map<string, string>();
  const claim = (k: string, by: string) => {
    if (used.has(k)) fail(`字段「${k}」被填了两次（${used.get(k)} 与 ${by}）`);
    used.set(k, by);
  };
  for (const [source, target] of Object.entries(p.columns)) {
    for (const k of Array.isArray(target) ? target : [target]) {
      colOf(k, `列「${source}」映射到的`);
      claim(k, `列「${source}」`);
    }
  }
  for (const [k, v] of Object.entries(p.constants ?? {})) {
    const col = colOf(k, 'constants 中的');
    claim(k, '常量');
    const read = cellReader(col, { moneyUnit: p.moneyUnit, dateFormat: dateFormatOf(p, k) });
    const out = read(v.trim());
    if (out instanceof ValueError) fail(`constants 中「${k}」的值「${v}」无法读取：${out.reason}`);
  }
  for (const k of Object.keys(p.values ?? {})) colOf(k, 'values 中的');
  for (const [k, f] of Object.entries(p.dateFormats ?? {})) {
    const col = colOf(k, 'dateFormats 中的');
    if (col.type !== 'date' && col.type !== 'datetime') fail(`dateFormats 中的「${k}」不是日期或时间字段`);
    if (!isDateFormat(f)) fail(`dateFormats 中「${k}」的格式「${f}」不受支持（可用 ${DATE_FORMATS.join('、')}，可加 " HH:mm:ss"）`);
  }
  const ignored = new Set((p.ignore ?? []).map(normaliseHeader));
  for (const source of Object.keys(p.columns)) {
    if (ignored.has(normaliseHeader(source))) fail(`列「${source}」既在 columns 中又在 ignore 中`);
  }
  if (p.noHeader && !p.header) fail('noHeader 为 true 时必须用 header 给出各列的名称');
  if (p.header) {
    const names = new Set(p.header.map(normaliseHeader));
    if (names.size !== p.header.length) fail('header 中有重复的列名');
    for (const source of Object.keys(p.columns)) {
      if (!names.has(normaliseHeader(source))) fail(`columns 中的列「${source}」不在 header 中`);
    }
  }
  return p;
}

/** A mapping profile that cannot be applied as written. */
export class ProfileError extends UserInputError {
  constructor(message: string) {
    super(message, 'invalid_profile');
  }
}

/** The declared date format of a key, if any (validated by parseProfile). */
export function dateFormatOf(p: MappingProfile, k: string): DateFormat | undefined {
  const f = p.dateFormats?.[k];
  return f !== undefined && isDateFormat(f) ? f : undefined;
}

/** Reads a profile file; every failure names the file. */
export async function loadProfileFile(file: string): Promise<MappingProfile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new ProfileError(`映射方案文件 ${file} 无法读取：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ProfileError(`映射方案文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
  }
  try {
    return parseProfile(json);
  } catch (e) {
    throw new ProfileError(`映射方案文件 ${file}：${(e as Error).message}`);
  }
}

export function listProfiles(db: Db): MappingProfile[] {
  return (db.prepare('SELECT json FROM mapping_profile ORDER BY name').pluck().all() as string[]).map((j) => JSON.parse(j));
}

export function getProfile(db: Db, name: string): MappingProfile | null {
  const j = db.prepare('SELECT json FROM mapping_profile WHERE name = ?').pluck().get(name) as string | undefined;
  return j ? (JSON.parse(j) as MappingProfile) : null;
}

export function saveProfile(db: Db, input: unknown): MappingProfile {
  const p = parseProfile(input);
  db.prepare(
    `INSERT INTO mapping_profile (name, dataset, json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET dataset = excluded.dataset, json = excluded.json, updated_at = excluded.updated_at`,
  ).run(p.name, p.dataset, JSON.stringify(p), new Date().toISOString());
  return p;
}

export function deleteProfile(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM mapping_profile WHERE name = ?').run(name).changes > 0;
}
