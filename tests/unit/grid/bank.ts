// A small bank built by hand for the grid map, imported through the real importer, with the
// figures it must give worked out in comments (map-api.test.ts asserts them).
//
//   HQ 总行 ── B1 城东支行 (S1 客户经理)
//          └─ B2 城西支行 (S2 客户经理)
//
// Grids (WGS-84, the exports' default), squares 0.02° wide:
//   G1 B1, 网格责任人 S1, 户数 10: [118.60,24.90]–[118.62,24.92]
//   G2 B2, 网格责任人 S2, 户数 4:  [118.64,24.90]–[118.66,24.92]
//   G3 B1, a bow-tie (self-intersecting at 118.71,24.91): an import warning naming G3
//   G4 B1, an empty Polygon: an import warning naming G4
// Customers (the July data date is 2024-07-31):
//   C1 B1/S1 网格 G1, point in G1      C2 B1/S1 网格 empty, point in G1 → placed in G1
//   C3 B1/S1 网格 empty, no point → no grid      C5 B1/S1 网格 G1, no point
//   C4 B2/S2 网格 G2, point in G2      C6 B2/S2 网格 empty, point in G2 → placed in G2
// So customers: G1 = C1, C2, C5 = 3 (1 placed); G2 = C4, C6 = 2 (1 placed).
// Deposits 2024-07-31: D1 C1 活期 1,000.50; D2 C2 定期 2,000.25; D3 C4 活期 300.00; D4 C1 活期
//   100.00 with 所属机构号 B2 (a row of B2 by the org rule, though C1 is B1's).
//   G1 deposit_balance: whole bank 1000.50 + 2000.25 + 100.00 = 3,100.75; for B1 3,000.75.
//   G2: 300.00. Loans 2024-07-31: L1 C4 balance 5,000.00 → G2 loan_balance 5,000.00.
// Visits in July: V1, V2 S1→C1 (网格 G1); V3 S1→C2 (no 网格: C2's grid, G1); V4, V5 S1→prospect
//   王五 网格 G1 (the same household twice); V6 S2→C4 网格 G2; V7 S1→C1 on 06-20 (June).
//   visits July: G1 5, G2 1. Visited households: G1 {C1, C2, 王五} = 3 → coverage 3/10 = 0.3;
//   G2 {C4} = 1 → 1/4 = 0.25.
// 18 items: C1 holds item 1 (活期); C2 item 2 (定期); C4 items 1, 4 (a loan), 5 (balance > 0).
//   item_share of item 1: G1 1 of {C1, C2, C5} = 1/3; G2 1 of {C4, C6} = 1/2.
//   G1's gaps: item 1 missing for C2, C5 (2); item 2 for C1, C5 (2); every other item 3.
import fs from 'node:fs';
import path from 'node:path';
import { importFile } from '../../../electron/core/import/index.js';
import type { Db } from '../../../electron/core/db/connection.js';

const square = (x: number, y: number, w = 0.02) => [[[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]]];

export const GRIDS = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { 网格编号: 'G1', 网格名称: '东街社区', 网格类型: '社区', 所属机构号: 'B1', 网格责任人: 'S1', 户数: 10 }, geometry: { type: 'Polygon', coordinates: square(118.6, 24.9) } },
    { type: 'Feature', properties: { 网格编号: 'G2', 网格名称: '西街市场', 网格类型: '市场', 所属机构号: 'B2', 网格责任人: 'S2', 户数: 4 }, geometry: { type: 'Polygon', coordinates: square(118.64, 24.9) } },
    {
      type: 'Feature',
      properties: { 网格编号: 'G3', 网格名称: '蝴蝶村', 网格类型: '行政村', 所属机构号: 'B1', 网格责任人: 'S1', 户数: 5 },
      geometry: { type: 'Polygon', coordinates: [[[118.7, 24.9], [118.72, 24.92], [118.72, 24.9], [118.7, 24.92], [118.7, 24.9]]] },
    },
    { type: 'Feature', properties: { 网格编号: 'G4', 网格名称: '空网格', 所属机构号: 'B1' }, geometry: { type: 'Polygon', coordinates: [] } },
  ],
};

export const FILES: Record<string, string> = {
  'org.csv': '机构号,机构名称,上级机构号,机构层级,经度,纬度\nHQ,测试农商银行,,总行,118.6,24.95\nB1,城东支行,HQ,支行,118.61,24.93\nB2,城西支行,HQ,支行,118.65,24.93\n',
  'staff.csv': '员工号,姓名,所属机构号,岗位\nS1,王经理,B1,客户经理\nS2,李经理,B2,客户经理\n',
  'grid.geojson': JSON.stringify(GRIDS),
  'customer.csv':
    '客户号,客户名称,客户类型,所属机构号,管户客户经理号,网格编号,经度,纬度\n' +
    'C1,张三丰,个人,B1,S1,G1,118.61,24.91\n' +
    'C2,李四光,个人,B1,S1,,118.605,24.905\n' +
    'C3,王小二,个人,B1,S1,,,\n' +
    'C4,赵六,个人,B2,S2,G2,118.65,24.91\n' +
    'C5,钱七,个人,B1,S1,G1,,\n' +
    'C6,孙八,个人,B2,S2,,118.655,24.915\n',
  'deposit.csv':
    '数据日期,账号,客户号,存款种类,账户余额,账户状态,所属机构号\n' +
    '2024-07-31,D1,C1,活期,1000.50,正常,B1\n2024-07-31,D2,C2,定期,2000.25,正常,B1\n2024-07-31,D3,C4,活期,300.00,正常,B2\n2024-07-31,D4,C1,活期,100.00,正常,B2\n',
  'loan.csv': '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,所属机构号\n2024-07-31,L1,C4,2024-01-05,6000.00,5000.00,B2\n',
  'visit.csv':
    '走访编号,走访时间,走访人员号,客户号,走访对象,网格编号,经度,纬度,走访方式,走访结果,推荐产品\n' +
    'V1,2024-07-05 10:00:00,S1,C1,,G1,,,上门,有意向,手机银行\n' +
    'V2,2024-07-06 10:00:00,S1,C1,,G1,,,电话,已办理,\n' +
    'V3,2024-07-10 09:00:00,S1,C2,,,,,上门,无需求,\n' +
    'V4,2024-07-11 15:00:00,S1,,王五,G1,118.615,24.915,上门,未遇,\n' +
    'V5,2024-07-12 15:00:00,S1,,王五,G1,118.615,24.915,上门,有意向,理财\n' +
    'V6,2024-07-15 11:00:00,S2,C4,,G2,,,上门,有意向,\n' +
    'V7,2024-06-20 11:00:00,S1,C1,,G1,,,上门,有意向,\n',
};

export interface ImportedBatch {
  file: string;
  batchId: number;
  issues: { row: number; column: string | null; value: string | null; reason: string; level: string }[];
}

/** Imports the files in order; returns each batch with its warnings. */
export async function loadBank(db: Db, dir: string, files: Record<string, string> = FILES): Promise<ImportedBatch[]> {
  const out: ImportedBatch[] = [];
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    const r = await importFile(db, file, { username: 'test' });
    if (r.error) throw new Error(`${name}: ${r.error}`);
    const issues = db
      .prepare('SELECT row_no AS row, column_name AS "column", value, reason, level FROM import_issue WHERE batch_id = ? ORDER BY row_no')
      .all(r.batchId) as ImportedBatch['issues'];
    out.push({ file: name, batchId: r.batchId!, issues });
  }
  return out;
}
