// The small reference datasets: org (CSV, BOM, CRLF), staff (XLSX), customer (GB18030 CSV) and
// grid (GeoJSON), plus the labels of the planted anomalies (JSON, deliberately not a dataset).

import fs from 'node:fs';
import { exported } from './geo.js';
import type { Bank, Label } from './model.js';
import { DelimitedWriter } from './writers.js';
import { writeXlsx } from './xlsx.js';

export function writeOrgs(bank: Bank, path: string): number {
  const w = new DelimitedWriter(path, ['机构号', '机构名称', '上级机构号', '机构层级', '经度', '纬度', '地址'], { bom: true, crlf: true });
  for (const o of bank.orgs) {
    const [lng, lat] = exported([o.lng, o.lat]);
    w.write([o.id, o.name, o.parentId, o.level, lng, lat, o.address]);
  }
  w.close();
  return w.rows;
}

export async function writeStaffXlsx(bank: Bank, path: string): Promise<number> {
  const rows = bank.staff.map((s) => [s.id, s.name, s.orgId, s.post, s.phone]);
  await writeXlsx(path, '员工信息', ['员工号', '姓名', '所属机构号', '岗位', '手机号码'], rows, { date: bank.endDate });
  return rows.length;
}

export function writeCustomers(bank: Bank, path: string): number {
  const w = new DelimitedWriter(
    path,
    ['客户号', '客户名称', '客户类型', '证件类型', '证件号码', '性别', '出生日期', '手机号码', '联系地址', '是否农户', '所属机构号', '管户客户经理号', '网格编号', '经度', '纬度', '建档日期'],
    { encoding: 'gb18030', crlf: true },
  );
  for (const c of bank.customers) {
    const p = c.point ? exported(c.point) : null;
    w.write([
      c.id, c.name, c.type, c.idType, c.idNo, c.gender, c.birth, c.phone, c.address, c.isFarmer ? '是' : '否',
      c.orgId, c.managerId, c.gridId, p?.[0], p?.[1], c.openDate,
    ]);
  }
  w.close();
  return w.rows;
}

export function writeGrids(bank: Bank, path: string): number {
  const fc = {
    type: 'FeatureCollection',
    features: bank.grids.map((g) => ({
      type: 'Feature',
      properties: { 网格编号: g.id, 网格名称: g.name, 网格类型: g.type, 所属机构号: g.orgId, 网格责任人: g.ownerId, 户数: g.households },
      geometry: { type: 'Polygon', coordinates: [g.square.ring.map(exported)] },
    })),
  };
  fs.writeFileSync(path, JSON.stringify(fc, null, 1) + '\n');
  return bank.grids.length;
}

/** JSON array of {model, kind, keys, note}: test fixtures for the monitoring models, not data to import */
export function writeLabels(labels: Label[], path: string): void {
  fs.writeFileSync(path, JSON.stringify(labels, null, 2) + '\n');
}
