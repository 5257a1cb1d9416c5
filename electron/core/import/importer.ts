// One file, end to end: recognise it, read it row by row and write it inside one transaction,
// so a file that fails half way (or a killed process) leaves the database as it was.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DATASET_BY_ID, type DatasetId } from '../../../shared/datasets.js';
import type { ImportFileResult, ImportIssue, ImportPreview, MappingProfile } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';
import { openCsv } from './readers/csv.js';
import { GEOMETRY_HEADER, openGeojson } from './readers/geojson.js';
import { openXlsx } from './readers/xlsx.js';
import type { RecordReader } from './readers/types.js';
import { recogniseHeader, unrecognisedMessage, type Mapping } from './recognise.js';
import { compileRows, GEOMETRY_COL } from './rows.js';
import { detectEncoding, detectKind, FileError, looksBinary, readHead, UnrecognisedFileError, type TextEncoding } from './sniff.js';
import { rowWriter } from './writer.js';
import { bumpDataVersion } from './data-version.js';
import { invalidateAfterWrite } from '../indicators/store.js';

export interface ImportOptions {
  fileName?: string;
  username?: string | null;
  profile?: MappingProfile;
  dataset?: DatasetId;
  /** where the user can turn next when a file is not recognised: the UI's manual mapping, or the CLI's --profile */
  via?: 'ui' | 'cli';
  onProgress?: (p: { bytesDone: number; bytesTotal: number; rows: number }) => void;
  /** Writes the file's audit row on `db` inside the file's transaction, before COMMIT, so a crash
   *  after the commit cannot lose it; if it throws, nothing of the file is kept. Also called for a
   *  file that failed, after its failed batch is recorded. Previews do not call it. */
  audit?: (db: Db, result: ImportFileResult) => void;
}

export interface OpenedFile {
  reader: RecordReader;
  mapping: Mapping;
}

const NEXT_STEP = {
  ui: '可用“手工映射”保存映射方案后导入',
  cli: '可用 --profile 指定 JSON 映射方案后导入，格式见 README「命令行」',
} as const;

/** Reads the head of a file and decides what it is; throws FileError with the reason when it can't. */
export async function openFile(filePath: string, opts: ImportOptions): Promise<OpenedFile> {
  const stat = await fs.stat(filePath).catch(() => null);
  if (!stat || !stat.isFile()) throw new FileError('文件不存在或不可读');
  if (stat.size === 0) throw new FileError('文件为空');
  const head = await readHead(filePath);
  const kind = detectKind(opts.fileName ?? filePath, head);
  const profile = opts.profile;
  let reader: RecordReader;
  if (kind !== 'text') refuseTextLayout(profile, kind);
  if (kind === 'xlsx') reader = await openXlsx(filePath, stat.size, { skipRows: profile?.skipRows, noHeader: profile?.noHeader });
  else if (kind === 'geojson') reader = await openGeojson(filePath, stat.size);
  else {
    if (looksBinary(head)) throw new FileError('不是文本文件（含二进制内容），无法作为 CSV 读取');
    const encoding = profile?.encoding ? profileEncoding(profile.encoding) : detectEncoding(head);
    reader = await openCsv(filePath, encoding, stat.size, {
      delimiter: profile?.delimiter === 'tab' ? '\t' : profile?.delimiter,
      skipRows: profile?.skipRows,
      noHeader: profile?.noHeader,
    });
  }
  if (profile?.header) reader.header = profileHeader(profile, reader);
  const only = kind === 'geojson' ? 'grid' : opts.dataset;
  const header = reader.header;
  const rec = recogniseHeader(header, profile, only);
  if (!rec.mapping) {
    const message = unrecognisedMessage(rec, profile, NEXT_STEP[opts.via ?? 'ui']);
    throw new UnrecognisedFileError(message, reader.headerRow || null, header, reader.encoding, reader.delimiter);
  }
  if (kind === 'geojson') {
    const g = header.indexOf(GEOMETRY_HEADER);
    rec.mapping.columns[g] = GEOMETRY_COL;
    rec.mapping.targets[g] = [GEOMETRY_COL];
  }
  return { reader, mapping: rec.mapping };
}

function profileEncoding(e: NonNullable<MappingProfile['encoding']>): TextEncoding {
  return e === 'utf-8' || (e as string) === 'utf8' ? 'utf-8' : 'gb18030'; // GBK and GB2312 are subsets of GB18030
}

/** A profile written for delimited text cannot say how to read an XLSX or GeoJSON file. */
function refuseTextLayout(profile: MappingProfile | undefined, kind: 'xlsx' | 'geojson'): void {
  if (!profile) return;
  const fields: (keyof MappingProfile)[] = kind === 'xlsx' ? ['encoding', 'delimiter'] : ['encoding', 'delimiter', 'skipRows', 'noHeader', 'header'];
  const textOnly = fields.filter((k) => profile[k] !== undefined);
  if (textOnly.length) {
    throw new FileError(`映射方案「${profile.name}」的 ${textOnly.join('、')} 只适用于分隔符文本文件，而这是 ${kind === 'xlsx' ? 'XLSX' : 'GeoJSON'} 文件`);
  }
}

/** The profile's header, replacing the file's (or standing for a missing one); widths must agree. */
function profileHeader(profile: MappingProfile, reader: RecordReader): string[] {
  const names = profile.header!;
  const width = (profile.noHeader ? reader.firstRecord : reader.header)?.length ?? 0;
  // a sheet row ends at its last filled cell, so a first data row may be shorter than the header;
  // a longer one cannot be named by it
  const shortOk = profile.noHeader && reader.encoding === 'xlsx';
  if (shortOk ? width > names.length : width !== names.length) {
    const what = profile.noHeader ? `文件第 ${reader.headerRow + 1} 行（首个数据行）` : `文件的表头（第 ${reader.headerRow} 行）`;
    throw new FileError(`映射方案「${profile.name}」的 header 有 ${names.length} 列，${what}有 ${width} 列`);
  }
  return names;
}

interface RunOutcome {
  result: ImportFileResult;
  issues: ImportIssue[]; // the first ones, for a preview
  minDate: string | null;
  maxDate: string | null;
  sample: Record<string, string | number | null>[];
}

const PREVIEW_ISSUES = 200;
/** rejected rows a result carries (the CLI prints them), so a script sees why without opening SQLite */
export const FIRST_REJECTED = 20;
const PREVIEW_ROWS = 10;

/**
 * Writes every row of an opened file under a new batch. The caller owns the transaction: it
 * commits for an import and rolls back for a preview.
 */
async function run(db: Db, opened: OpenedFile, file: string, filePath: string, opts: ImportOptions): Promise<RunOutcome> {
  const { reader, mapping } = opened;
  const ds = mapping.dataset;
  const now = new Date().toISOString();
  const batchId = Number(
    db
      .prepare(
        `INSERT INTO import_batch (file_name, file_path, file_size, dataset, encoding, delimiter, profile, status, username, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(file, filePath, reader.bytesTotal, ds.id, reader.encoding, reader.delimiter ?? null, opts.profile?.name ?? null, opts.username ?? null, now)
      .lastInsertRowid,
  );
  const rows = compileRows(db, mapping, reader.header, {
    profile: opts.profile,
    padShortRows: reader.encoding === 'xlsx',
  });
  const writer = rowWriter(db, ds, rows.columns, batchId);
  const addIssue = db.prepare(
    'INSERT INTO import_issue (batch_id, level, row_no, column_name, value, reason) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const r: ImportFileResult = {
    file, dataset: ds.id, batchId, rows: 0, imported: 0, inserted: 0, replaced: 0, unchanged: 0, rejected: 0, warnings: 0,
    unknownRefs: { customer: 0, org: 0, staff: 0 },
    firstRejected: [],
  };
  const first: ImportIssue[] = [];
  const sample: RunOutcome['sample'] = [];
  let minDate: string | null = null;
  let maxDate: string | null = null;
  const note = (level: ImportIssue['level'], row: number | null, column: string | null, value: string | null, reason: string) => {
    addIssue.run(batchId, level, row, column, value === null ? null : value.slice(0, 500), reason);
    if (first.length < PREVIEW_ISSUES) first.push({ level, file, row, column, value, reason });
    if (level === 'rejected' && r.firstRejected!.length < FIRST_REJECTED) r.firstRejected!.push({ level, file, row, column, value, reason });
  };

  await reader.read(
    (cells, rowNo) => {
      r.rows++;
      const out = rows.convert(cells, rowNo);
      if (out.values) {
        const w = writer.write(out.values);
        if (w === 'duplicate') {
          note('rejected', rowNo, null, null, '业务键与本文件中前面的一行重复（保留第一行）');
          r.rejected++;
          return;
        }
        r[w]++;
        for (const i of out.issues) note(i.level, i.row, i.column, i.value, i.reason);
        if (out.issues.length) r.warnings++;
        if (out.unknownRefs) for (const k of out.unknownRefs) r.unknownRefs![k]++;
        if (out.day) {
          if (minDate === null || out.day < minDate) minDate = out.day;
          if (maxDate === null || out.day > maxDate) maxDate = out.day;
        }
        if (sample.length < PREVIEW_ROWS) {
          sample.push(Object.fromEntries(rows.columns.map((c, i) => [c, out.values![i]])));
        }
      } else {
        r.rejected++;
        // only the reasons it is rejected: a warning about a row that is not stored would show in
        // the issue list as a warned row the counts do not have
        for (const i of out.issues) if (i.level === 'rejected') note(i.level, i.row, i.column, i.value, i.reason);
      }
    },
    (bytesDone) => opts.onProgress?.({ bytesDone, bytesTotal: reader.bytesTotal, rows: r.rows }),
  );
  if (r.rows === 0) note('warning', null, null, null, '文件只有表头，没有数据行');
  r.imported = r.inserted + r.replaced;
  db.prepare(
    `UPDATE import_batch SET status = 'committed', min_date = ?, max_date = ?, rows_read = ?, rows_inserted = ?,
       rows_replaced = ?, rows_unchanged = ?, rows_rejected = ?, rows_warned = ?, finished_at = ? WHERE batch_id = ?`,
  ).run(minDate, maxDate, r.rows, r.inserted, r.replaced, r.unchanged, r.rejected, r.warnings, new Date().toISOString(), batchId);
  return { result: r, issues: first, minDate, maxDate, sample };
}

/** Runs `work` inside BEGIN IMMEDIATE … COMMIT (or ROLLBACK when asked or when it throws). */
async function inTransaction<T>(db: Db, work: () => Promise<T>, keep: boolean): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = await work();
    db.exec(keep ? 'COMMIT' : 'ROLLBACK');
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

function failure(file: string, e: unknown): { message: string; row: number | null } {
  if (e instanceof FileError) return { message: e.message, row: e.row };
  const msg = e instanceof Error ? e.message : String(e);
  return { message: `读取失败：${msg}`, row: null };
}

/** Imports one file atomically. A file that cannot be read is recorded as a failed batch. */
export async function importFile(db: Db, filePath: string, opts: ImportOptions = {}): Promise<ImportFileResult> {
  const file = opts.fileName ?? path.basename(filePath);
  let dataset: DatasetId | null = null;
  try {
    const opened = await openFile(filePath, opts);
    dataset = opened.mapping.dataset.id;
    const out = await inTransaction(db, async () => {
      const o = await run(db, opened, file, filePath, opts);
      if (o.result.imported > 0) {
        bumpDataVersion(db);
        // the indicator cells of what this file touched, inside its transaction (indicators/store.ts)
        invalidateAfterWrite(db, o.result.dataset as DatasetId, o.result.batchId ?? null);
      }
      opts.audit?.(db, o.result);
      return o;
    }, true);
    return out.result;
  } catch (e) {
    const f = failure(file, e);
    const batchId = Number(
      db
        .prepare(
          `INSERT INTO import_batch (file_name, file_path, dataset, status, message, username, started_at, finished_at)
           VALUES (?, ?, ?, 'failed', ?, ?, ?, ?)`,
        )
        .run(file, filePath, dataset ?? 'unknown', f.message, opts.username ?? null, new Date().toISOString(), new Date().toISOString())
        .lastInsertRowid,
    );
    const where = f.row ? `第 ${f.row} 行：` : '';
    const failed: ImportFileResult = {
      file, dataset, batchId, rows: 0, imported: 0, inserted: 0, replaced: 0, unchanged: 0, rejected: 0, warnings: 0,
      error: `${file}：${where}${f.message}`,
    };
    opts.audit?.(db, failed);
    return failed;
  }
}

/**
 * Previews files exactly as they would import, in order, by importing them inside one
 * transaction and rolling it back: the counts are the real ones, including a later file's
 * references to customers an earlier file of the same folder brings.
 */
export async function previewFiles(
  db: Db,
  files: { path: string; fileName: string }[],
  opts: Omit<ImportOptions, 'fileName'> = {},
): Promise<ImportPreview[]> {
  const out: ImportPreview[] = [];
  const size = (p: string) => fs.stat(p).then((s) => s.size).catch(() => 0);
  await inTransaction(
    db,
    async () => {
      for (const f of files) {
        const base: ImportPreview = { file: f.fileName, size: await size(f.path), dataset: null };
        let opened: OpenedFile;
        try {
          opened = await openFile(f.path, { ...opts, fileName: f.fileName });
        } catch (e) {
          const x = failure(f.fileName, e);
          const known = e instanceof UnrecognisedFileError ? { headerRow: e.header, encoding: e.encoding, delimiter: e.delimiter } : {};
          out.push({ ...base, ...known, message: x.row ? `第 ${x.row} 行：${x.message}` : x.message });
          continue;
        }
        const { reader, mapping } = opened;
        const p: ImportPreview = {
          ...base,
          dataset: mapping.dataset.id,
          datasetName: DATASET_BY_ID[mapping.dataset.id].zh,
          encoding: reader.encoding,
          delimiter: reader.delimiter,
          headerRow: reader.header,
          mapping: reader.header.map((h, i) => ({
            header: h,
            column: mapping.columns[i]?.key ?? null,
            columnName: mapping.columns[i]?.zh,
          })),
          missingRequired: mapping.missingRequired.map((c) => c.zh),
        };
        // a savepoint per file, so a file failing half way leaves no rows for the next one to see
        db.exec('SAVEPOINT preview_file');
        try {
          const o = await run(db, opened, f.fileName, f.path, opts);
          db.exec('RELEASE preview_file');
          Object.assign(p, {
            rows: o.result.rows,
            willImport: o.result.inserted + o.result.replaced,
            willReject: o.result.rejected,
            willWarn: o.result.warnings,
            unchanged: o.result.unchanged,
            unknownRefs: o.result.unknownRefs,
            minDate: o.minDate,
            maxDate: o.maxDate,
            issues: o.issues,
            sample: o.sample,
          });
        } catch (e) {
          db.exec('ROLLBACK TO preview_file');
          db.exec('RELEASE preview_file');
          const x = failure(f.fileName, e);
          p.message = x.row ? `第 ${x.row} 行：${x.message}` : x.message;
        }
        out.push(p);
      }
    },
    false,
  );
  return out;
}
