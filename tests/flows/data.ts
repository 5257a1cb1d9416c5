// Values the flow models name as {{key}}: read from the demo bank's export files, independently of
// the console, so a model can search for a customer by phone, name, pinyin initials or ID tail
// without writing the seed's numbers into it.
import fs from 'node:fs';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { findTable } from '../e2e/exports.js';
import { runDir } from '../e2e/helpers.js';

const initialsOf = (name: string, surname: 'head' | 'off') =>
  pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname }).join('').toLowerCase().replace(/[^a-z]/g, '');

const exportsDir = () => path.join(runDir(), 'demo', 'exports');

/**
 * The organisations the demo branch users (行长 hangzhang, 大堂经理 datang) may see: they sit in
 * the first 支行 by number (electron/core/auth/demo.ts), and see it with the offices under it.
 */
function demoBranchOrgs(): Set<string> {
  const t = findTable(exportsDir(), ['机构层级', 'JGCJ']);
  const col = (names: string[]) => t.header.findIndex((h) => names.includes(h));
  const [id, parent, level] = [col(['机构号', 'org_id']), col(['上级机构号', 'parent_id']), col(['机构层级', 'level'])];
  const branch = t.rows.filter((r) => r[level] === '支行').map((r) => r[id]).sort()[0];
  const orgs = new Set([branch]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of t.rows) if (orgs.has(r[parent]) && !orgs.has(r[id])) grew = orgs.add(r[id]).size > 0;
  }
  return orgs;
}

/**
 * A personal customer of the demo branch whom every search kind finds alone: the only one in the
 * bank with that full name, those pinyin initials (read either way for a polyphonic surname), that
 * phone, and that 6-digit ID tail among all ID and phone tails.
 */
function sampleCustomer(): Record<string, string> {
  const orgs = demoBranchOrgs();
  const t = findTable(exportsDir(), ['客户名称', 'KHXM']);
  const col = (names: string[]) => t.header.findIndex((h) => names.includes(h));
  const [id, name, type, idNo, phone, org] = [
    col(['客户号', 'cust_id']),
    col(['客户名称', 'name']),
    col(['客户类型', 'cust_type']),
    col(['证件号码', 'id_no']),
    col(['手机号码', 'phone']),
    col(['所属机构号', 'org_id']),
  ];
  const all = t.rows.filter((r) => r[id] && r[name]); // the seed writes a few broken rows on purpose
  const tally = new Map<string, number>();
  const bump = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
  for (const r of all) {
    bump(`name:${r[name]}`);
    for (const k of new Set([initialsOf(r[name], 'head'), initialsOf(r[name], 'off')])) bump(`ini:${k}`);
    if (r[phone]) bump(`phone:${r[phone]}`);
    for (const n of [r[idNo], r[phone]]) if (n && n.length >= 6) bump(`tail:${n.slice(-6).toUpperCase()}`);
  }
  for (const r of all) {
    const ini = initialsOf(r[name], 'head');
    const tail = (r[idNo] ?? '').slice(-6).toUpperCase();
    if (!orgs.has(r[org]) || r[type] !== '个人' || ini.length < 3 || ini !== initialsOf(r[name], 'off')) continue;
    if (!/^1\d{10}$/.test(r[phone] ?? '') || !/^\d{17}[\dX]$/i.test(r[idNo] ?? '') || !/^\d{6}$/.test(tail)) continue;
    if ([`name:${r[name]}`, `ini:${ini}`, `phone:${r[phone]}`, `tail:${tail}`].every((k) => tally.get(k) === 1)) {
      return { custId: r[id], name: r[name], phone: r[phone], initials: ini, idTail: tail };
    }
  }
  throw new Error(`no customer of ${[...orgs].join('/')} in ${t.file} is alone in name, initials, phone and ID tail`);
}

/** The export file of a dataset, by its file name's start (org_20240731.csv → "org"). */
function exportFile(prefix: string): string {
  const f = fs.readdirSync(exportsDir()).filter((x) => x.startsWith(`${prefix}_`)).sort()[0];
  if (!f) throw new Error(`no ${prefix}_* file in ${exportsDir()}`);
  return path.join(exportsDir(), f);
}

/**
 * The file the import flow commits and undoes: one referral (转介绍) between two customers outside
 * the demo branch (whom the hand-written tests look at) that the export's referral file does not
 * hold, dated on the file's latest 推荐日期. One new row that no figure of the console counts, and
 * the flow undoes it (and the fixture undoes it if a test stops before: tests/flows/runtime.ts).
 */
function referralUpload(): string {
  const file = path.join(runDir(), 'flows', 'referral_flow.csv');
  if (fs.existsSync(file)) return file;
  const dir = exportsDir();
  const refs = findTable(dir, ['推荐人客户号']);
  const [from, to, date] = ['推荐人客户号', '被推荐客户号', '推荐日期'].map((h) => refs.header.indexOf(h));
  const held = new Set(refs.rows.map((r) => `${r[from]}>${r[to]}`));
  const latest = refs.rows.map((r) => r[date]).filter(Boolean).sort().at(-1);
  const t = findTable(dir, ['客户名称', 'KHXM']);
  const [id, org] = [t.header.findIndex((h) => ['客户号', 'cust_id'].includes(h)), t.header.findIndex((h) => ['所属机构号', 'org_id'].includes(h))];
  const branch = demoBranchOrgs();
  const ids = t.rows.filter((r) => r[id] && !branch.has(r[org])).map((r) => r[id]).sort();
  for (let i = 0; i + 1 < ids.length; i++) {
    if (held.has(`${ids[i]}>${ids[i + 1]}`)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `推荐人客户号,被推荐客户号,推荐日期,业务类型\n${ids[i]},${ids[i + 1]},${latest},手机银行\n`);
    return file;
  }
  throw new Error(`no two customers outside the demo branch in ${t.file} without a referral between them`);
}

const UPLOADS: Record<string, () => string> = { referral: referralUpload };

let customer: Record<string, string> | undefined;

export function flowValue(key: string): string {
  const [kind, field, part] = key.split('.');
  if (kind === 'customer') {
    customer ??= sampleCustomer();
    if (!(field in customer)) throw new Error(`{{${key}}}: customer has ${Object.keys(customer).join(', ')}`);
    return customer[field];
  }
  if (kind === 'exports') return exportFile(field);
  if (kind === 'upload') {
    const make = UPLOADS[field];
    if (!make) throw new Error(`{{${key}}}: uploads are ${Object.keys(UPLOADS).join(', ')}`);
    if (part === 'name') return path.basename(make());
    if (part !== undefined) throw new Error(`{{${key}}}: upload.${field} or upload.${field}.name`);
    return make();
  }
  throw new Error(`{{${key}}}: unknown value (customer.*, exports.* or upload.*)`);
}

export function fillIn(template: string): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => flowValue(key));
}
