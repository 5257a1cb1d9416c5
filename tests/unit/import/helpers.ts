import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { openDb, type Db } from '../../../electron/core/db/connection.js';

export function tmpDir(prefix = 'bc-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function newDb(dir = tmpDir()): { db: Db; dir: string; file: string } {
  const file = path.join(dir, 'test.db');
  return { db: openDb(file), dir, file };
}

export function write(dir: string, name: string, text: string, encoding: 'utf-8' | 'gbk' | 'utf-8-bom' = 'utf-8'): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  const buf =
    encoding === 'gbk'
      ? iconv.encode(text, 'gbk')
      : encoding === 'utf-8-bom'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
        : Buffer.from(text);
  fs.writeFileSync(p, buf);
  return p;
}

export const ORG_CSV = `机构号,机构名称,上级机构号,机构层级
QZ000,泉州农商银行,,总行
QZ100,鲤城支行,QZ000,支行
QZ101,开元分理处,QZ100,分理处
`;

export const STAFF_CSV = `员工号,姓名,所属机构号,岗位,手机号码
S001,陈明,QZ100,客户经理,13905950001
`;

// 11010519491231002X is the worked example of GB 11643 (valid); ...0021 differs only in the check
// digit, so it is wrong; C003's phone has 10 digits and its manager S999 does not exist.
export const CUSTOMER_CSV = `客户号,客户名称,证件类型,证件号码,手机号码,所属机构号,管户客户经理号
C001,张秀英,身份证,11010519491231002X,13800000001,QZ101,S001
C002,林小明,身份证,110105194912310021,13800000002,QZ100,S001
C003,黄大伟,身份证,11010519491231002X,1380000003,QZ100,S999
`;

export function snapshot(db: Db, table: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
}

export function count(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
