// `branch-console route`: the visit route of a staff member on a day, as issue 11's JSON contract
// (WGS-84, no names). The command line runs as whoever can open the database file: the whole bank.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { RoutePlan } from '../../../../shared/grid.js';
import { openExistingDb } from '../../db/connection.js';
import { cliDay } from '../../indicators/cli-args.js';
import { wholeBankScope } from '../../scope/index.js';
import { planRoute } from './plan.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

export const ROUTE_USAGE = 'branch-console route --db FILE --date YYYY-MM-DD --staff STAFF [--max N] [--stops FILE.json] [--json]';

/** The contract's fields only, in its order (the plan's masked names stay out). */
export function planJson(p: RoutePlan): RoutePlan {
  return {
    staff: p.staff,
    start: { org_id: p.start.org_id, lng: p.start.lng, lat: p.start.lat },
    stops: p.stops.map((s) => ({ cust_id: s.cust_id, lng: s.lng, lat: s.lat, reasons: s.reasons })),
    legs_m: p.legs_m,
    total_m: p.total_m,
  };
}

function readStopsFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`--stops：无法读取 ${file}：${(e as Error).message} (cannot read the file)`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file}：不是有效的 JSON：${(e as Error).message} (not JSON)`);
  }
}

export async function routeCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, date: { type: 'string' }, staff: { type: 'string' }, max: { type: 'string' }, stops: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.db) throw new Error(`缺少参数 --db (missing --db)\n用法 / usage: ${ROUTE_USAGE}`);
  const date = cliDay(values.date, '--date');
  if (!values.staff) throw new Error(`缺少参数 --staff (missing --staff)\n用法 / usage: ${ROUTE_USAGE}`);
  let max: number | undefined;
  if (values.max !== undefined) {
    if (!/^\d+$/.test(values.max)) throw new Error(`--max 应为正整数：${values.max} (not a whole number)`);
    max = Number(values.max);
  }
  const stops = values.stops !== undefined ? readStopsFile(values.stops) : undefined;
  const db = openExistingDb(values.db);
  try {
    if (db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').get(values.staff) === undefined) {
      throw new Error(`--staff：员工 ${values.staff} 不存在（未导入员工文件或员工号有误） (no such staff member)`);
    }
    const plan = planJson(planRoute(db, wholeBankScope(), { staff: values.staff, date, max, stops, stopsSource: values.stops }));
    if (values.json) out.log(JSON.stringify(plan));
    else {
      out.log(`走访路线 ${plan.staff} ${date}：起点 ${plan.start.org_id}，${plan.stops.length} 个站点，全程 ${(plan.total_m / 1000).toFixed(1)} km`);
      plan.stops.forEach((s, i) => out.log(`${String(i + 1).padStart(3)}. ${s.cust_id}  ${(plan.legs_m[i] / 1000).toFixed(1)} km  ${s.reasons.join('、')}`));
      if (plan.stops.length) out.log(`  返回起点 ${(plan.legs_m[plan.stops.length] / 1000).toFixed(1)} km`);
    }
    return 0;
  } finally {
    db.close();
  }
}
