// The 业务签约 rows the e-banking rules read, how one is shown as evidence (name masked), and what a
// confirmed case takes out of 中间业务有效客户: a customer only where they counted on the day, and
// only through the signings the case names (a customer with another live, used signing still
// counts, and stays).
import type { Db } from '../../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../../scope/index.js';
import { addDays } from '../../../../../shared/dates.js';
import { maskCustomerName } from '../../../../../shared/masking.js';
import type { AlertEffect, Evidence } from '../../../../../shared/monitoring.js';
import { inService } from '../../../rules/in-service.js';
import { INTERMEDIATE_TYPES } from '../../../indicators/families/signing.js';

export interface Signing {
  sign_no: string;
  cust_id: string;
  biz_type: string;
  sign_date: string;
  cancel_date: string | null;
  status: string | null;
  last_used_date: string | null;
  device_id: string | null;
  staff_id: string | null;
  org: string | null;
  cust_name: string | null;
  cust_type: string | null;
}

const COLUMNS = `s.sign_no, s.cust_id, s.biz_type, s.sign_date, NULLIF(s.cancel_date, '') AS cancel_date, s.status,
  NULLIF(s.last_used_date, '') AS last_used_date, NULLIF(s.device_id, '') AS device_id, NULLIF(s.staff_id, '') AS staff_id,
  ${rowOrgSql('s', 'c')} AS org, c.name AS cust_name, c.cust_type`;

/** Signings with 签约日期 in [from, to] (one scan of the signing table: it has no date index, and
 *  is a few rows per customer). */
export function signedBetween(db: Db, from: string, to: string): Signing[] {
  return db.prepare(`SELECT ${COLUMNS} FROM signing s ${customerJoin('signing', 's', 'c')} WHERE s.sign_date >= ? AND s.sign_date <= ? ORDER BY s.sign_no`).all(from, to) as Signing[];
}

/** Signings with 解约日期 in [from, to]. */
export function cancelledBetween(db: Db, from: string, to: string): Signing[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM signing s ${customerJoin('signing', 's', 'c')} WHERE s.cancel_date >= ? AND s.cancel_date <= ? AND s.cancel_date <> '' ORDER BY s.sign_no`)
    .all(from, to) as Signing[];
}

export function signingEvidence(s: Signing): Evidence {
  return {
    kind: 'signing',
    id: s.sign_no,
    fields: {
      签约流水号: s.sign_no,
      客户号: s.cust_id,
      客户名称: maskCustomerName(s.cust_name, s.cust_type),
      业务类型: s.biz_type,
      签约日期: s.sign_date,
      解约日期: s.cancel_date,
      状态: s.status,
      最近使用日期: s.last_used_date,
      签约设备号: s.device_id,
      营销人员号: s.staff_id,
      所属机构号: s.org,
    },
  };
}

/** Counted in 中间业务有效客户 on the day (DATA.md): active, of a listed type, used within the 90 days ending on it. */
function counts(s: Pick<Signing, 'biz_type' | 'status' | 'sign_date' | 'cancel_date' | 'last_used_date'>, day: string): boolean {
  return (
    INTERMEDIATE_TYPES.has(s.biz_type) &&
    inService.signing(s, day) &&
    s.last_used_date !== null &&
    s.last_used_date >= addDays(day, -89) &&
    s.last_used_date <= day
  );
}

/**
 * 中间业务有效客户 effects of the named signings on the day: one per org and staff member, counting
 * the customers who counted that day through these signings only.
 */
export function intermediateEffects(db: Db, named: Signing[], day: string, from = day): AlertEffect[] {
  const live = named.filter((s) => counts(s, day));
  if (live.length === 0) return [];
  const names = new Set(named.map((s) => s.sign_no));
  const others = db
    .prepare(
      `SELECT sign_no, cust_id, biz_type, sign_date, NULLIF(cancel_date, '') AS cancel_date, status, NULLIF(last_used_date, '') AS last_used_date
         FROM signing WHERE cust_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify([...new Set(live.map((s) => s.cust_id))])) as Signing[];
  const elsewhere = new Set(others.filter((o) => !names.has(o.sign_no) && counts(o, day)).map((o) => o.cust_id));
  const by = new Map<string, AlertEffect>();
  const seen = new Set<string>();
  for (const s of live) {
    if (elsewhere.has(s.cust_id) || seen.has(s.cust_id)) continue;
    seen.add(s.cust_id);
    const key = `${s.org ?? ''}\u0001${s.staff_id ?? ''}`;
    const e = by.get(key) ?? { key: 'intermediate_active_customers', from, to: day, org_id: s.org, staff_id: s.staff_id, value: 0 };
    e.value += 1;
    by.set(key, e);
  }
  return [...by.values()];
}
