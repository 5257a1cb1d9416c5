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

let customer: Record<string, string> | undefined;

export function flowValue(key: string): string {
  const [kind, field] = key.split('.');
  if (kind === 'customer') {
    customer ??= sampleCustomer();
    if (!(field in customer)) throw new Error(`{{${key}}}: customer has ${Object.keys(customer).join(', ')}`);
    return customer[field];
  }
  if (kind === 'exports') return exportFile(field);
  throw new Error(`{{${key}}}: unknown value (customer.* or exports.*)`);
}

export function fillIn(template: string): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => flowValue(key));
}
