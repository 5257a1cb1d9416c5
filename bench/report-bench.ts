// The whole period's assessment book (every org and staff member of the MEDIUM demo bank) as XLSX
// and as PDF: time and peak memory (the child's maxRSS), and the same for half the sheets and for a
// book four times as long (the sheets repeated), to show whether memory stays flat in the number of
// sheets (goal: under 10 s each; XLSX streamed, PDF in parts in its worker). The baseline in the
// same run is the PDF laid out as ONE pdfmake document in process (what the book was before the
// parts). Each case runs in its own child process so one's heap does not count in another's; the
// first case on the fresh copy also pays for the indicator cells of the date (printed apart).
// Printed only. REPORT_BENCH_SCALE=small|medium (default medium) · REPORT_BENCH_PERIOD (2024-07).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');

/** The demo bank the dashboards' bench keeps (bench/out/dash-SCALE), else generated and imported here once. */
async function bankDb(scale: string): Promise<string> {
  const kept = path.join(OUT, `dash-${scale}`, 'bank.db');
  if (fs.existsSync(`${kept}.done`)) return kept;
  const file = path.join(OUT, `report-${scale}`, 'bank.db');
  if (fs.existsSync(`${file}.done`)) return file;
  const { generateDemoBank } = await import('../seeds/index.js');
  const { openDb } = await import('../electron/core/db/connection.js');
  const { importPaths } = await import('../electron/core/import/index.js');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const g = await generateDemoBank({ outDir: path.join(OUT, `report-${scale}-files`), scale: scale as 'small' | 'medium' });
  const db = openDb(file);
  try {
    const results = await importPaths(db, g.files, { username: 'bench' });
    if (results.some((r) => r.error)) throw new Error('import failed');
  } finally {
    db.close();
  }
  fs.writeFileSync(`${file}.done`, new Date().toISOString());
  return file;
}

/** One case, in this process (the child): compute the sheets, then write the document; prints JSON. */
type Format = 'xlsx' | 'pdf' | 'pdf-one' | 'pdf-inproc';

/** The book as one pdfmake document in this process: the baseline the parts are measured against. */
async function oneDocumentPdf(result: import('../shared/assessment.js').AssessResult, head: import('../electron/core/report/layout.js').ReportHead, meta: import('../electron/core/report/layout.js').ReportMeta): Promise<Buffer> {
  const { renderPdf } = await import('../electron/core/documents/pdf-engine.js');
  const { findCjkFont } = await import('../electron/core/documents/font.js');
  const { sheetContent, summaryTable } = await import('../electron/core/report/assess-pdf.js');
  const { heading, reportPdf } = await import('../electron/core/report/layout.js');
  const content = [heading('汇总', 0), summaryTable(result.sheets, meta.lang), ...result.sheets.map((s) => sheetContent(s, meta.lang, false))];
  return renderPdf(reportPdf(head, meta, content), findCjkFont());
}

async function child(db: string, period: string, format: Format, fraction: number, out: string): Promise<void> {
  const { openExistingDb } = await import('../electron/core/db/connection.js');
  const { wholeBankScope } = await import('../electron/core/scope/index.js');
  const { assess } = await import('../electron/core/assess/index.js');
  const { assessHead, assessBytes, streamAssessXlsx } = await import('../electron/core/report/assess-docs.js');
  const { bankName } = await import('../electron/core/report/layout.js');
  const conn = openExistingDb(db);
  const t0 = performance.now();
  const full = assess(conn, period, wholeBankScope(), { all: true });
  // more than the whole: the sheets repeated (a bank of that many objects, as far as the document goes)
  const n = Math.ceil(full.sheets.length * fraction);
  const result = { ...full, sheets: Array.from({ length: n }, (_, i) => full.sheets[i % full.sheets.length]) };
  const rssBefore = process.memoryUsage().rss / 1048576;
  const t1 = performance.now();
  const meta = { user: 'bench', at: new Date(), lang: 'zh' as const };
  const head = assessHead('book', result, bankName(conn), '全行', meta);
  if (format === 'xlsx') {
    const sink = fs.createWriteStream(out);
    await streamAssessXlsx(result, head, meta, sink);
    if (!sink.writableFinished) await new Promise<void>((r) => sink.on('finish', () => r()));
  } else if (format === 'pdf') fs.writeFileSync(out, await assessBytes(result, head, meta, 'pdf'));
  else if (format === 'pdf-one') fs.writeFileSync(out, await oneDocumentPdf(result, head, meta));
  else {
    const { bookPdf } = await import('../electron/core/report/book-pdf.js');
    fs.writeFileSync(out, await bookPdf(result, head, meta));
  }
  const t2 = performance.now();
  conn.close();
  process.stdout.write(JSON.stringify({ sheets: result.sheets.length, sheetsMs: t1 - t0, docMs: t2 - t1, bytes: fs.statSync(out).size, maxRssMiB: process.resourceUsage().maxRSS / 1024, rssBefore }) + '\n');
}

export async function runReportBench(): Promise<void> {
  const scale = process.env.REPORT_BENCH_SCALE ?? 'medium';
  const period = process.env.REPORT_BENCH_PERIOD ?? '2024-07';
  console.log(`\n== report bench: the ${period} assessment book, ${scale} demo bank ==`);
  const bank = await bankDb(scale);
  // a working copy: computing the sheets may build indicator cells
  const dir = path.join(OUT, `report-${scale}-run`);
  const { workingCopy } = await import('./working-copy.js');
  const db = workingCopy(bank, dir);
  const me = fileURLToPath(import.meta.url);
  const run = (label: string, format: Format, fraction: number) => {
    const out = path.join(dir, `book-${format}-${fraction}.${format === 'xlsx' ? 'xlsx' : 'pdf'}`);
    const line = execFileSync(process.execPath, ['--import', 'tsx', me, '--child', db, period, format, String(fraction), out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!;
    const r = JSON.parse(line) as { sheets: number; sheetsMs: number; docMs: number; bytes: number; maxRssMiB: number; rssBefore: number };
    const total = (r.sheetsMs + r.docMs) / 1000;
    console.log(
      `  ${format.toUpperCase()} ${label}: ${String(r.sheets).padStart(4)} sheets  sheets ${(r.sheetsMs / 1000).toFixed(1)} s + document ${(r.docMs / 1000).toFixed(1)} s = ${total.toFixed(1)} s ${total < 10 ? '(< 10 s)' : '(over the 10 s goal)'}  peak RSS ${r.maxRssMiB.toFixed(0)} MiB (${r.rssBefore.toFixed(0)} before the document)  ${(r.bytes / 1024).toFixed(0)} KiB`,
    );
    return r;
  };
  // the first book on the copy builds the date's indicator cells (indicators/store.ts) unless the kept
  // bank had them: what the performance officer meets the morning after the daily import. It also
  // warms the copy, so every later case reads the same (built) tables.
  run('whole book, first (cells built)', 'xlsx', 1);
  const peaks = new Map<string, number>();
  const cases: [Format, string, number[]][] = [
    ['xlsx', 'XLSX', [0.5, 1, 4]],
    ['pdf', 'PDF in parts, in its worker (as the app makes it)', [0.5, 1, 4]],
    ['pdf-one', 'PDF as one document in process (baseline: the book before the parts)', [0.5, 1, 4]],
    // the worker's start is part of the app's figure; under tsx (here) it loads the TypeScript anew
    ['pdf-inproc', 'PDF in parts, in process (the worker\'s start and heap cap left out)', [1]],
  ];
  for (const [format, name, fractions] of cases) {
    console.log(`  -- ${name}`);
    for (const fraction of fractions) {
      const r = run(fraction === 1 ? 'whole book' : fraction < 1 ? 'half      ' : '4× (repeated)', format, fraction);
      peaks.set(`${format}-${fraction}`, r.maxRssMiB);
    }
  }
  // flat = the 4× book needs about what the whole book needs
  for (const format of ['xlsx', 'pdf', 'pdf-one'] as const) {
    const whole = peaks.get(`${format}-1`)!;
    console.log(`  ${format}: peak RSS 4× / whole ${(peaks.get(`${format}-4`)! / whole).toFixed(2)}, half / whole ${(peaks.get(`${format}-0.5`)! / whole).toFixed(2)}`);
  }
}

if (process.argv[2] === '--child') {
  const [db, period, format, fraction, out] = process.argv.slice(3);
  await child(db, period, format as Format, Number(fraction), out);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runReportBench();
}
