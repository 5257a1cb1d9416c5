// The values of import issues as a user without customer:reveal sees them. An issue keeps the cell
// as the file wrote it (a wrong ID check digit, a 10-digit phone), so the list and its CSV would
// otherwise show personal data the rest of the console masks. A value is masked by its column
// when the column is personal in the dataset contract (shared/datasets.ts `personal`), and in
// any column when it looks like a card, ID or mobile number (a mapping profile may have given the
// column a name the contract does not know).
import { headerNames, normaliseHeader, DATASET_BY_ID, type ColumnDef, type DatasetId } from '../../../shared/datasets.js';
import type { MappingProfile } from '../../../shared/api.js';
import { maskAddress, maskBirthDate, maskCustomerName, maskIdNo, maskPhone } from '../../../shared/masking.js';
import type { Db } from '../db/connection.js';
import { maskCardNo } from './card-number.js';
import { maskPersonalNumbers } from './extra-guard.js';

export type Personal = NonNullable<ColumnDef['personal']>;

/** One value of a personal column, masked as the views mask it. */
export function maskPersonalValue(kind: Personal, value: string): string {
  switch (kind) {
    case 'id_no':
      return maskIdNo(value)!;
    case 'phone':
      return maskPhone(value)!;
    case 'card_no':
      return maskCardNo(value.replace(/\s/g, ''));
    case 'name':
      return maskCustomerName(value, null)!; // the row's 客户类型 may be the very thing that was wrong
    case 'address':
      return maskAddress(value)!;
    case 'birth_date':
      return maskBirthDate(value)!;
  }
}

/** Header (normalised) → the personal kind of the column it fills in this dataset, if any. */
function personalHeaders(dataset: DatasetId | null, profile: MappingProfile | null): Map<string, Personal> {
  const out = new Map<string, Personal>();
  const ds = dataset ? DATASET_BY_ID[dataset] : undefined;
  if (!ds) return out;
  for (const c of ds.columns) if (c.personal) for (const n of headerNames(c)) out.set(normaliseHeader(n), c.personal);
  if (profile?.dataset === ds.id) {
    for (const [header, keys] of Object.entries(profile.columns ?? {})) {
      const personal = (Array.isArray(keys) ? keys : [keys]).map((k) => ds.columns.find((c) => c.key === k)?.personal).find(Boolean);
      if (personal) out.set(normaliseHeader(header), personal);
    }
  }
  return out;
}

export type IssueValueMask = (column: string | null, value: string | null) => string | null;

/** The masking of one batch's issue values (its dataset, and the profile it was imported with). */
export function issueValueMask(db: Db, batchId: number): IssueValueMask {
  const b = db.prepare('SELECT dataset, profile FROM import_batch WHERE batch_id = ?').get(batchId) as { dataset: string; profile: string | null } | undefined;
  let profile: MappingProfile | null = null;
  if (b?.profile) {
    const json = db.prepare('SELECT json FROM mapping_profile WHERE name = ?').pluck().get(b.profile) as string | undefined;
    try {
      profile = json ? (JSON.parse(json) as MappingProfile) : null;
    } catch {
      profile = null; // a damaged profile: the contract's names and the shapes still apply
    }
  }
  const kinds = personalHeaders((b?.dataset as DatasetId | undefined) ?? null, profile);
  return (column, value) => {
    if (value === null || value === '') return value;
    const kind = column === null ? undefined : kinds.get(normaliseHeader(column));
    return kind ? maskPersonalValue(kind, value) : maskPersonalNumbers(value);
  };
}
