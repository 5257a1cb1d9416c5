// The data scope worked out from the demo bank's export files alone (not from the console): which
// orgs lie under a 支行, which customers and deposit rows belong to them by DATA.md's rule (a row
// without 所属机构号 belongs to its customer's), and which 客户经理 the demo user jingli stands for.
import ExcelJS from 'exceljs';
import { findTable, listFiles, type Table } from './exports.js';

const col = (t: Table, names: string[]) => {
  const i = t.header.findIndex((h) => names.includes(h));
  if (i < 0) throw new Error(`${t.file} has no column ${names.join('/')}`);
  return i;
};
const norm = (d: string) => {
  const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/.exec(d.trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : d.trim();
};

export interface Org {
  id: string;
  name: string;
  parent: string;
  level: string;
}

export function orgs(dir: string): Org[] {
  const t = findTable(dir, ['上级机构号']);
  const [id, name, parent, level] = [col(t, ['机构号']), col(t, ['机构名称']), col(t, ['上级机构号']), col(t, ['机构层级'])];
  return t.rows.map((r) => ({ id: r[id].trim(), name: r[name].trim(), parent: r[parent].trim(), level: r[level].trim() }));
}

/** The org and every org below it. */
export function subtreeOf(all: Org[], root: string): Set<string> {
  const out = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of all) if (out.has(o.parent) && !out.has(o.id)) (out.add(o.id), (grew = true));
  }
  return out;
}

export interface Customer {
  id: string;
  name: string;
  type: string;
  org: string;
  manager: string;
}

export function customers(dir: string): Customer[] {
  const t = findTable(dir, ['客户名称', 'KHXM']);
  const [id, name, type, org, mgr] = [
    col(t, ['客户号', 'cust_id', 'KHTYBH']), col(t, ['客户名称', 'name', 'KHXM']), col(t, ['客户类型', 'cust_type']),
    col(t, ['所属机构号', 'org_id', 'NBJGH']), col(t, ['管户客户经理号', 'manager_id']),
  ];
  const seen = new Set<string>();
  const out: Customer[] = [];
  for (const r of t.rows) {
    const c = { id: r[id]?.trim() ?? '', name: r[name]?.trim() ?? '', type: r[type]?.trim() ?? '', org: r[org]?.trim() ?? '', manager: r[mgr]?.trim() ?? '' };
    // the seed writes a few broken rows on purpose (no number, no name, no org): the importer refuses them; a repeated number keeps the first
    if (!c.id || !c.name || !c.org || seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  return out;
}

/** Σ 账户余额 in 分 of the deposit rows of the latest 数据日期 that belong to one of `orgIds`. */
export function depositFenOf(dir: string, orgIds: Set<string>, custs: Customer[]): bigint {
  const t = findTable(dir, ['账户余额', 'CKYE']);
  const [iDate, iBal, iCust, iOrg] = [
    col(t, ['数据日期', 'data_date', 'CJRQ']), col(t, ['账户余额', 'balance', 'CKYE']), col(t, ['客户号', 'cust_id', 'KHTYBH']), col(t, ['所属机构号', 'org_id', 'NBJGH']),
  ];
  const orgOfCust = new Map(custs.map((c) => [c.id, c.org]));
  const latest = t.rows.map((r) => norm(r[iDate])).reduce((a, b) => (b > a ? b : a), '');
  let fen = 0n;
  for (const r of t.rows) {
    if (norm(r[iDate]) !== latest) continue;
    const own = r[iOrg]?.trim() ?? '';
    const org = own !== '' ? own : orgOfCust.get(r[iCust].trim());
    if (org === undefined || !orgIds.has(org)) continue;
    const s = r[iBal].replace(/,/g, '').trim();
    if (!/^-?\d+(\.\d{1,2})?$/.test(s)) continue; // unreadable: the importer rejects the row
    const [int, frac = ''] = s.replace('-', '').split('.');
    const v = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
    fen += s.startsWith('-') ? -v : v;
  }
  return fen;
}

/** The staff number the demo 客户经理 account stands for: the 客户经理 of the 支行 who manages the most customers (ties: the lower number). */
export async function demoManagerOf(dir: string, branch: string, custs: Customer[]): Promise<string> {
  const file = listFiles(dir).find((f) => /staff.*\.xlsx$/i.test(f));
  if (!file) throw new Error('no staff XLSX in the demo exports');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '').trim())));
  const header = rows.findIndex((r) => r.includes('员工号'));
  const h = rows[header];
  const [id, org, post] = [h.indexOf('员工号'), h.indexOf('所属机构号'), h.indexOf('岗位')];
  const managers = rows.slice(header + 1).filter((r) => r[org] === branch && r[post] === '客户经理').map((r) => r[id]);
  const count = (s: string) => custs.filter((c) => c.manager === s).length;
  return managers.sort((a, b) => count(b) - count(a) || (a < b ? -1 : 1))[0];
}
