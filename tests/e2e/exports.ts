// Reads the demo export files independently of the importer, so the e2e tests can check the
// figures the UI shows against numbers computed here from the files themselves.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

export interface Table {
  file: string;
  header: string[];
  rows: string[][];
}

function decode(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

export function readTable(file: string): Table {
  const r = Papa.parse<string[]>(decode(fs.readFileSync(file)), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = r.data;
  return { file, header: header.map((h) => h.trim()), rows };
}

/** The delimited file whose header has one of these names (Chinese, key or EAST code). */
export function findTable(dir: string, names: string[]): Table {
  for (const f of listFiles(dir)) {
    if (!/\.(csv|txt|tsv|dat)$/i.test(f)) continue;
    const t = readTable(f);
    if (t.header.some((h) => names.includes(h))) return t;
  }
  throw new Error(`no export file in ${dir} has a column ${names.join('/')}`);
}

/** Σ 账户余额 (in 分, exact) of the deposit rows at their latest 数据日期. */
export function depositTotalAtLatest(dir: string): { date: string; fen: bigint; rows: number } {
  const t = findTable(dir, ['账户余额', 'CKYE']);
  const col = (names: string[]) => t.header.findIndex((h) => names.includes(h));
  const iDate = col(['数据日期', 'data_date', 'CJRQ']);
  const iBal = col(['账户余额', 'balance', 'CKYE']);
  const norm = (d: string) => {
    const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/.exec(d.trim());
    return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : d;
  };
  const latest = t.rows.map((r) => norm(r[iDate])).reduce((a, b) => (b > a ? b : a), '');
  let fen = 0n;
  for (const r of t.rows) {
    if (norm(r[iDate]) !== latest) continue;
    const s = r[iBal].replace(/,/g, '').trim();
    if (!/^-?\d+(\.\d{1,2})?$/.test(s)) continue; // unreadable: the importer rejects the row
    const [int, frac = ''] = s.replace('-', '').split('.');
    const v = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
    fen += s.startsWith('-') ? -v : v;
  }
  return { date: latest, fen, rows: t.rows.length };
}

/** 分 → the 万元 text the UI shows: two decimals, half away from zero, thousands grouped. */
export function fenToWanText(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const h = (a * 2n + 10_000n) / 20_000n; // hundredths of 万元, rounded half up
  const int = (h / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${(h % 100n).toString().padStart(2, '0')}`;
}
