// The org tree, staff and customers, checked from the written files.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../../../shared/datasets.js';
import type { SeedResult } from '../../../seeds/index.js';
import { SCALES } from '../../../seeds/model.js';
import { fileOf, gb11643Valid, readGbk, readUtf8, removeSeed, seedTo, table } from './helpers.js';
import ExcelJS from 'exceljs';

describe('org tree, staff and customers', () => {
  let r: SeedResult;
  let org: ReturnType<typeof table>;
  let cust: ReturnType<typeof table>;
  let labels: { model: string; kind: string; keys: Record<string, unknown> }[];
  beforeAll(async () => {
    r = await seedTo('seed-bank-', { seed: 3 });
    org = table(readUtf8(fileOf(r, 'org')), ',');
    cust = table(readGbk(fileOf(r, 'customer')), ',');
    labels = JSON.parse(readUtf8(r.labelsFile));
  });
  afterAll(() => removeSeed(r));

  it('has one 总行, 8 支行 under it named after places of 泉州, each with 2–4 分理处', () => {
    const level = org.col('机构层级');
    const parent = org.col('上级机构号');
    const hq = org.rows.filter((x) => x[level] === '总行');
    expect(hq.map((x) => x[0])).toEqual(['QZ000']);
    const branches = org.rows.filter((x) => x[level] === '支行');
    expect(branches.map((x) => x[org.col('机构名称')]).sort()).toEqual(
      ['丰泽支行', '南安支行', '安溪支行', '惠安支行', '晋江支行', '永春支行', '石狮支行', '鲤城支行'].sort(),
    );
    for (const b of branches) {
      expect(b[parent]).toBe('QZ000');
      const subs = org.rows.filter((x) => x[parent] === b[0]);
      expect(subs.length).toBeGreaterThanOrEqual(2);
      expect(subs.length).toBeLessThanOrEqual(4);
      for (const s of subs) expect(s[level]).toBe('分理处');
    }
    expect(new Set(org.rows.map((x) => x[0])).size).toBe(org.rows.length);
  });

  it('staffs every 支行 with each role and 11-digit phones', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fileOf(r, 'staff'));
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row, i) => {
      if (i > 1) rows.push((row.values as unknown[]).slice(1).map(String));
    });
    const branchOf = new Map(org.rows.map((x) => [x[0], x[org.col('机构层级')] === '分理处' ? x[org.col('上级机构号')] : x[0]]));
    for (const b of org.rows.filter((x) => x[org.col('机构层级')] === '支行')) {
      const mine = rows.filter((s) => branchOf.get(s[2]) === b[0]);
      for (const role of STAFF_ROLES) expect(mine.some((s) => s[3] === role), `${b[0]} ${role}`).toBe(true);
      expect(mine.filter((s) => s[3] === '客户经理').length).toBeGreaterThanOrEqual(3);
    }
    for (const s of rows) expect(s[4]).toMatch(/^1[358]\d{9}$/);
  });

  it('gives most 身份证 a valid GB 11643 check digit, and exactly the labelled ones a wrong one', () => {
    const idType = cust.col('证件类型');
    const ids = cust.rows.filter((x) => x[idType] === '身份证');
    const bad = ids.filter((x) => !gb11643Valid(x[cust.col('证件号码')])).map((x) => x[0]);
    expect(ids.length).toBeGreaterThan(2500);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.length / ids.length).toBeLessThan(0.015);
    const labelled = labels.filter((l) => l.kind === 'bad_id_check_digit').map((l) => l.keys.cust_id);
    expect(bad.sort()).toEqual([...labelled].sort());
  });

  it('keeps birth date, gender and region consistent with the id number', () => {
    for (const x of cust.rows.filter((row) => row[cust.col('证件类型')] === '身份证')) {
      const id = x[cust.col('证件号码')];
      expect(id.slice(0, 4)).toBe('3505');
      const birth = x[cust.col('出生日期')];
      expect(id.slice(6, 14)).toBe(birth.replace(/-/g, ''));
      expect(x[cust.col('性别')]).toBe(Number(id[16]) % 2 === 1 ? '男' : '女');
    }
  });

  it('has mostly 11-digit phones starting 13/15/18, with the labelled 10-digit ones', () => {
    const phones = cust.rows.map((x) => x[cust.col('手机号码')]);
    const short = cust.rows.filter((x) => x[cust.col('手机号码')].length !== 11).map((x) => x[0]);
    expect(phones.filter((p) => /^1[358]\d{9}$/.test(p)).length).toBeGreaterThan(phones.length * 0.99);
    expect(short.length).toBeGreaterThan(0);
    for (const id of short) expect(cust.rows.find((x) => x[0] === id)![cust.col('手机号码')]).toMatch(/^\d{10}$/);
    expect(short.sort()).toEqual(labels.filter((l) => l.kind === 'phone_not_11_digits').map((l) => l.keys.cust_id).sort());
  });

  it('mixes customer types, about 40% 农户, and refers to existing orgs, managers and grids', () => {
    const n = cust.rows.length;
    // the default scale's customer count, as the generator's own parameters state it
    expect(n).toBe(SCALES.small.customers);
    const share = (col: string, v: string) => cust.rows.filter((x) => x[cust.col(col)] === v).length / n;
    expect(share('客户类型', '个人')).toBeGreaterThan(0.75);
    expect(share('客户类型', '个体工商户')).toBeGreaterThan(0.05);
    expect(share('客户类型', '小微企业')).toBeGreaterThan(0.02);
    expect(share('是否农户', '是')).toBeGreaterThan(0.33);
    expect(share('是否农户', '是')).toBeLessThan(0.47);
    const orgs = new Set(org.rows.map((x) => x[0]));
    const grids = new Set((JSON.parse(readUtf8(fileOf(r, 'grid'))).features as { properties: Record<string, string> }[]).map((f) => f.properties['网格编号']));
    for (const x of cust.rows) {
      expect(orgs.has(x[cust.col('所属机构号')])).toBe(true);
      const g = x[cust.col('网格编号')];
      if (g) expect(grids.has(g)).toBe(true);
    }
    expect(new Set(cust.rows.map((x) => x[0])).size).toBe(n);
  });

  it('refers only to customers, staff and orgs that exist, so a clean import has no reference warnings', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fileOf(r, 'staff'));
    const staff = new Set<string>();
    wb.worksheets[0].eachRow((row, i) => {
      if (i > 1) staff.add(String(row.getCell(1).value));
    });
    const customers = new Set(cust.rows.map((x) => x[0]));
    const orgs = new Set(org.rows.map((x) => x[0]));
    const checks: [string, string, [string, Set<string>][]][] = [
      ['deposit', '|', [['客户号', customers], ['归属客户经理号', staff], ['所属机构号', orgs]]],
      ['loan', ',', [['KHTYBH', customers], ['XDYXM', staff], ['NBJGH', orgs]]],
      ['card', ',', [['客户号', customers], ['营销客户经理号', staff], ['所属机构号', orgs]]],
      ['signing', '\t', [['客户号', customers], ['营销人员号', staff], ['所属机构号', orgs]]],
      ['merchant', ',', [['owner_cust_id', customers], ['manager_id', staff], ['org_id', orgs]]],
      ['visit', ',', [['客户号', customers], ['走访人员号', staff]]],
      ['referral', ';', [['推荐人客户号', customers], ['被推荐客户号', customers]]],
    ];
    for (const [id, delimiter, cols] of checks) {
      const t = table(readUtf8(fileOf(r, id)), delimiter);
      for (const [col, known] of cols) {
        const i = t.col(col);
        const unknown = t.rows.filter((x) => x[i] !== '' && !known.has(x[i]));
        expect(unknown.length, `${id}.${col}`).toBe(0);
      }
    }
  });
});
