// Saved mapping profiles: a foreign layout mapped once, by header, and reused (UI and --profile).
import fs from 'node:fs/promises';
import { z } from 'zod';
import { DATASET_BY_ID, type DatasetId } from '../../../shared/datasets.js';
import type { MappingProfile } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';

const profileSchema = z.object({
  name: z.string().trim().min(1).max(100),
  dataset: z.enum(Object.keys(DATASET_BY_ID) as [DatasetId, ...DatasetId[]]),
  columns: z.record(z.string(), z.string()),
  moneyUnit: z.enum(['元', '万元']).optional(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
});

/** Validates a profile: every target must be a column of its dataset, each used once. */
export function parseProfile(input: unknown): MappingProfile {
  const p = profileSchema.parse(input) as MappingProfile;
  const keys = new Set(DATASET_BY_ID[p.dataset].columns.map((c) => c.key));
  const used = new Set<string>();
  for (const [header, key] of Object.entries(p.columns)) {
    if (!keys.has(key)) throw new Error(`映射方案「${p.name}」：列「${header}」映射到的「${key}」不是${DATASET_BY_ID[p.dataset].zh}的字段`);
    if (used.has(key)) throw new Error(`映射方案「${p.name}」：字段「${key}」被映射了两次`);
    used.add(key);
  }
  return p;
}

export async function loadProfileFile(path: string): Promise<MappingProfile> {
  return parseProfile(JSON.parse(await fs.readFile(path, 'utf8')));
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
