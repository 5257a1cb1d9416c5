// The files look like a bank's exports and every header names a column of the right dataset.

import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_BY_ID, IMPORT_ORDER, headerNames, normaliseHeader } from '../../../shared/datasets.js';
import type { DatasetId } from '../../../shared/datasets.js';
import type { SeedResult } from '../../../seeds/index.js';
import { fileOf, parseDelimited, readGbk, readUtf8, removeSeed, seedTo, table } from './helpers.js';

const DELIMITER: Partial<Record<DatasetId, string>> = { deposit: '|', signing: '\t', referral: ';' };

function datasetOfHeader(cells: string[], id: DatasetId): string[] {
  const names = new Set(DATASET_BY_ID[id].columns.flatMap((c) => headerNames(c).map(normaliseHeader)));
  return cells.filter((c) => !names.has(normaliseHeader(c)));
}

async function xlsxRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('export layout', () => {
  let r: SeedResult;
  beforeAll(async () => {
    r = await seedTo('seed-layout-');
  });
  afterAll(() => removeSeed(r));

  it('names files <dataset>_<YYYYMMDD>.<ext> in import order, labels beside them', () => {
    expect(r.files.map((f) => path.basename(f).replace(/_20240731\.\w+$/, ''))).toEqual(IMPORT_ORDER);
    expect(path.basename(r.labelsFile)).toBe('labels_20240731.json');
    for (const f of r.files) expect(path.isAbsolute(f)).toBe(true);
  });

  it('writes the customer file in GBK: not valid UTF-8, decodes as gb18030 with CRLF', () => {
    const bytes = fs.readFileSync(fileOf(r, 'customer'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = readGbk(fileOf(r, 'customer'));
    expect(text.startsWith('客户号,客户名称,')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(3000);
    const acq = fs.readFileSync(fileOf(r, 'acq_txn'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(acq.subarray(0, 200))).toThrow();
  });

  it('mixes BOM, line endings, delimiters and header styles', () => {
    const bom = (id: DatasetId) => fs.readFileSync(fileOf(r, id)).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bom('org') && bom('loan') && bom('visit')).toBe(true);
    expect(bom('deposit') || bom('merchant')).toBe(false);
    expect(readUtf8(fileOf(r, 'loan')).split('\n')[0].endsWith('\r')).toBe(true);
    expect(readUtf8(fileOf(r, 'deposit')).includes('\r')).toBe(false);
    expect(readUtf8(fileOf(r, 'loan')).replace(/^\uFEFF/, '').startsWith('CJRQ,XDJJH,XDHTH,KHTYBH')).toBe(true);
    expect(readUtf8(fileOf(r, 'merchant')).startsWith('merchant_id,name,')).toBe(true);
    expect(readUtf8(fileOf(r, 'deposit')).split('\n')[0].split('|')).toHaveLength(10);
    expect(readUtf8(fileOf(r, 'signing')).split('\n')[0].split('\t')).toHaveLength(10);
    expect(readUtf8(fileOf(r, 'referral')).split('\n')[0].split(';')).toHaveLength(4);
  });

  it('has headers that all name columns of the dataset (Chinese, English or EAST)', async () => {
    for (const id of IMPORT_ORDER) {
      const f = fileOf(r, id);
      let header: string[];
      if (f.endsWith('.xlsx')) header = (await xlsxRows(f))[0];
      else if (f.endsWith('.geojson')) header = Object.keys(JSON.parse(readUtf8(f)).features[0].properties);
      else {
        const text = id === 'customer' || id === 'acq_txn' ? readGbk(f) : readUtf8(f);
        header = parseDelimited(text.slice(0, 2000), DELIMITER[id] ?? ',')[0];
      }
      expect(datasetOfHeader(header, id), id).toEqual([]);
      const required = DATASET_BY_ID[id].columns.filter((c) => c.required);
      for (const c of required) {
        const names = headerNames(c).map(normaliseHeader);
        expect(header.some((h) => names.includes(normaliseHeader(h))), `${id}.${c.key}`).toBe(true);
      }
    }
  });

  it('quotes fields holding the delimiter, quotes or newlines, and keeps every row the header width', () => {
    const cust = table(readGbk(fileOf(r, 'customer')), ',');
    expect(cust.rows.some((row) => row[cust.col('联系地址')].includes(','))).toBe(true);
    const visits = table(readUtf8(fileOf(r, 'visit')), ',');
    expect(visits.rows.some((row) => row[visits.col('备注')].includes('\n'))).toBe(true);
    expect(visits.rows.some((row) => row[visits.col('备注')].includes('"'))).toBe(true);
    for (const t of [cust, visits, table(readUtf8(fileOf(r, 'card')), ','), table(readUtf8(fileOf(r, 'merchant')), ',')]) {
      for (const row of t.rows) expect(row.length).toBe(t.header.length);
    }
    const cards = table(readUtf8(fileOf(r, 'card')), ',');
    expect(cards.rows.some((row) => /^\d{1,3}(,\d{3})+\.\d\d$/.test(row[cards.col('授信额度')]))).toBe(true);
  });

  it('writes staff and targets as XLSX with the header in the first row', async () => {
    const staff = await xlsxRows(fileOf(r, 'staff'));
    expect(staff[0]).toEqual(['员工号', '姓名', '所属机构号', '岗位', '手机号码']);
    expect(staff.length - 1).toBe(r.counts.staff);
    const targets = await xlsxRows(fileOf(r, 'target'));
    expect(targets[0]).toEqual(['考核期', '对象类型', '对象编号', '指标', '目标值']);
    const body = targets.slice(1);
    expect(new Set(body.map((x) => x[0]))).toEqual(new Set(['2024-07']));
    expect(body.filter((x) => x[1] === '机构' && x[3] === '存款日均')).toHaveLength(8);
    expect(body.some((x) => x[1] === '员工' && x[3] === '各项贷款余额' && Number(x[4]) > 0)).toBe(true);
    // a 支行 has a target for every indicator of the default scheme, under DATA.md's names
    const branchNames = new Set(body.filter((x) => x[1] === '机构' && x[2] === body.find((y) => y[1] === '机构')![2]).map((x) => x[3]));
    expect(branchNames).toEqual(new Set(['存款日均', '各项贷款余额', '有效商户数', '走访次数', '高质量商户数', '中间业务有效客户', '贷记卡发卡量', '不良贷款率']));
  });

  it('writes the labels as a JSON array that is not a table', () => {
    const text = readUtf8(r.labelsFile);
    expect(text.trimStart().startsWith('[')).toBe(true);
    const labels = JSON.parse(text) as { model: string; kind: string; keys: object; note: string }[];
    expect(labels.length).toBe(r.counts.labels);
    const models = new Set(labels.map((l) => l.model));
    for (const m of ['deposit', 'loan', 'credit_card', 'merchant', 'ebank', 'data_quality']) expect(models.has(m), m).toBe(true);
    for (const l of labels) expect(typeof l.note === 'string' && typeof l.keys === 'object').toBe(true);
  });
});
