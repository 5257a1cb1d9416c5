// The values of import issues as a user without customer:reveal sees them. An issue keeps the cell
// as the file wrote it (a wrong ID check digit, a 10-digit phone), so the list and its CSV would
// otherwise show personal data the rest of the console masks. A value is masked by its column
// when the column is personal in the dataset contract (shared/datasets.ts `personal`), and in
// any column when it looks like a card, ID or mobile number (a mapping profile may have given the
// column a name the contract does not know). The same rule covers every place such cells reach a
// reader: the issue list and its CSV, an upload's preview (issues and sample rows) and the first
// rejected rows of an import job. The CLI is an operator's tool and shows them as written.
import { headerNames, normaliseHeader, DATASET_BY_ID, type ColumnDef, type DatasetId } from '../../../shared/datasets.js';
import type { ImportFileResult, ImportIssue, ImportPreview, MappingProfile } from '../../../shared/api.js';
import { isWholeBank, type Scope } from '../scope/scope.js';
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

/** The masking of issue values of a file read as `dataset` through `profile`. */
export function datasetValueMask(dataset: DatasetId | null, profile: MappingProfile | null): IssueValueMask {
  const kinds = personalHeaders(dataset, profile);
  return (column, value) => {
    if (value === null || value === '') return value;
    const kind = column === null ? undefined : kinds.get(normaliseHeader(column));
    return kind ? maskPersonalValue(kind, value) : maskPersonalNumbers(value);
  };
}

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
  return datasetValueMask((b?.dataset as DatasetId | undefined) ?? null, profile);
}

/** Who reads import values: `masked` without customer:reveal; `scope` the reader's data scope. */
export interface ValueView {
  masked?: boolean;
  scope?: Scope;
}

/** A scope narrower than the whole bank: an import is of whole files, whose rows may be any
 *  branch's, and an issue row does not say whose it is. */
const narrower = (view: ValueView) => !!view.scope && !isWholeBank(view.scope);

/** Issue values as the reader may see them: withheld from a narrower scope, masked without reveal. */
export function issueValueFor(view: ValueView, mask: () => IssueValueMask): IssueValueMask {
  if (narrower(view)) return () => null;
  return view.masked ? mask() : (_c, v) => v;
}

function issuesAsSeen<T extends ImportIssue[] | undefined>(issues: T, shown: IssueValueMask): T {
  return issues?.map((i) => ({ ...i, value: shown(i.column, i.value) })) as T;
}

type SampleRow = Record<string, string | number | null>;

/** Sample rows (values keyed by dataset column) masked like the 360: by the column's personal
 *  kind, else any personal number in the text. A card's stored number is its HMAC; show its mask. */
function maskSample(dataset: DatasetId, rows: SampleRow[]): SampleRow[] {
  const kinds = new Map(DATASET_BY_ID[dataset].columns.filter((c) => c.personal).map((c) => [c.key, c.personal!]));
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => {
        if (typeof v !== 'string' || v === '') return [k, v];
        const kind = kinds.get(k);
        if (kind === 'card_no') return [k, row.card_no_masked ?? null];
        return [k, kind ? maskPersonalValue(kind, v) : maskPersonalNumbers(v)];
      }),
    ),
  );
}

/** An upload's preview as the reader may see it (its issues, and its sample rows, which a narrower
 *  scope also sees masked: they show how columns are read, not whose rows they are). */
export function previewAsSeen(p: ImportPreview, profile: MappingProfile | undefined, view: ValueView): ImportPreview {
  if (!view.masked && !narrower(view)) return p;
  const shown = issueValueFor(view, () => datasetValueMask(p.dataset, profile ?? null));
  return {
    ...p,
    issues: issuesAsSeen(p.issues, shown),
    sample: p.sample && p.dataset ? maskSample(p.dataset, p.sample) : p.sample,
  };
}

/** An import result's first rejected rows as the reader may see them. */
export function resultAsSeen(db: Db, r: ImportFileResult, view: ValueView): ImportFileResult {
  if (!r.firstRejected?.length || (!view.masked && !narrower(view))) return r;
  const shown = issueValueFor(view, () => (r.batchId === null ? datasetValueMask(r.dataset, null) : issueValueMask(db, r.batchId)));
  return { ...r, firstRejected: issuesAsSeen(r.firstRejected, shown) };
}
