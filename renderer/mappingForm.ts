// What the mapping dialog edits, and the profile it saves. The server validates the profile
// strictly (electron/core/import/profiles.ts: an unknown or empty field is an error), so a field
// the user left at "as detected" is left out of the profile rather than sent empty.
import type { MappingProfile } from '../shared/api.js';
import { DATASET_BY_ID, headerNames, normaliseHeader, type ColumnDef, type DatasetId } from '../shared/datasets.js';
import { MONEY_UNITS } from '../shared/profile-fields.js';

export type MoneyUnit = (typeof MONEY_UNITS)[number];

export interface SourceRow {
  /** the source column's name (the file's header, or the profile's own names) */
  header: string;
  /** dataset keys this column fills (several: one column feeding several keys) */
  targets: string[];
  /** dropped entirely: not stored, not even aside, and never auto-mapped */
  ignore: boolean;
}

export interface MappingForm {
  name: string;
  dataset: DatasetId | '';
  rows: SourceRow[];
  /** '' = detected */
  encoding: '' | 'utf-8' | 'gb18030';
  /** '' = detected */
  delimiter: '' | ',' | ';' | '|' | 'tab';
  /** lines (XLSX: rows) before the header; null = the first non-empty one */
  skipRows: number | null;
  /** the profile's own column names, one a line (or comma-separated); '' = the file's header */
  headerText: string;
  noHeader: boolean;
  moneyUnit: MoneyUnit;
  /** key → declared format; '' = the default forms */
  dateFormats: Record<string, string>;
  /** key → "code=value" lines */
  values: Record<string, string>;
  constants: { key: string; value: string }[];
}

export function emptyForm(): MappingForm {
  return {
    name: '', dataset: '', rows: [], encoding: '', delimiter: '', skipRows: null, headerText: '', noHeader: false,
    moneyUnit: '元', dateFormats: {}, values: {}, constants: [],
  };
}

/** The profile's own header names, or null when the file's header stands. */
export function headerNamesOf(text: string): string[] | null {
  const names = text.split(/\r?\n|,/).map((s) => s.trim()).filter((s) => s !== '');
  return names.length ? names : null;
}

/** Source rows for a header, each pre-mapped to the column its standard name matches, if any. */
export function guessRows(header: string[], dataset: DatasetId | ''): SourceRow[] {
  const cols = dataset ? DATASET_BY_ID[dataset].columns : [];
  return header.map((h) => {
    const n = normaliseHeader(h);
    const col = cols.find((c) => headerNames(c).some((x) => normaliseHeader(x) === n));
    return { header: h, targets: col ? [col.key] : [], ignore: false };
  });
}

/** Keys a form fills (by a source column or a constant). */
export function filledKeys(f: MappingForm): Set<string> {
  const keys = new Set(f.rows.filter((r) => !r.ignore).flatMap((r) => r.targets));
  for (const c of f.constants) if (c.key) keys.add(c.key);
  return keys;
}

export function columnsOf(f: MappingForm): ColumnDef[] {
  return f.dataset ? DATASET_BY_ID[f.dataset].columns : [];
}

/** Required columns no source column or constant fills. */
export function missingRequired(f: MappingForm): ColumnDef[] {
  const filled = filledKeys(f);
  return columnsOf(f).filter((c) => c.required && !filled.has(c.key));
}

/** "A=正常" lines → a value map; a line without "=" is an error naming it. */
export function parseValueMap(text: string): { map: Record<string, string> } | { badLine: string } {
  const map: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at <= 0) return { badLine: line };
    map[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { map };
}

export type BuildError = { kind: 'name' } | { kind: 'valueLine'; key: string; line: string };

/** The profile the form describes; fields left as detected are not in it. */
export function profileOf(f: MappingForm): MappingProfile | BuildError {
  if (!f.dataset || !f.name.trim()) return { kind: 'name' };
  const cols = columnsOf(f);
  const colKeys = new Set(cols.map((c) => c.key));
  const columns: MappingProfile['columns'] = {};
  for (const r of f.rows) {
    const targets = r.targets.filter((k) => colKeys.has(k));
    if (r.ignore || !targets.length) continue;
    columns[r.header] = targets.length === 1 ? targets[0] : targets;
  }
  const p: MappingProfile = { name: f.name.trim(), dataset: f.dataset, columns };
  if (f.encoding) p.encoding = f.encoding;
  if (f.delimiter) p.delimiter = f.delimiter;
  if (f.skipRows !== null) p.skipRows = f.skipRows;
  const header = headerNamesOf(f.headerText);
  if (header) p.header = header;
  if (header && f.noHeader) p.noHeader = true;
  const ignore = f.rows.filter((r) => r.ignore).map((r) => r.header);
  if (ignore.length) p.ignore = ignore;
  const filled = filledKeys(f);
  const values: Record<string, Record<string, string>> = {};
  for (const [key, text] of Object.entries(f.values)) {
    if (!filled.has(key) || !text.trim()) continue;
    const parsed = parseValueMap(text);
    if ('badLine' in parsed) return { kind: 'valueLine', key, line: parsed.badLine };
    values[key] = parsed.map;
  }
  if (Object.keys(values).length) p.values = values;
  const constants = Object.fromEntries(f.constants.filter((c) => c.key && c.value.trim()).map((c) => [c.key, c.value.trim()]));
  if (Object.keys(constants).length) p.constants = constants;
  const dateFormats = Object.fromEntries(Object.entries(f.dateFormats).filter(([k, v]) => v && filled.has(k)));
  if (Object.keys(dateFormats).length) p.dateFormats = dateFormats;
  if (cols.some((c) => c.type === 'money')) p.moneyUnit = f.moneyUnit;
  return p;
}
