// The 贷记卡 rows the card rules read, once per run: every credit card with its holder's contact
// details and the org it belongs to (scope/row-org.ts), and how one is shown as evidence (card
// number, name, phone and address masked). The card table holds credit cards of a few percent of
// the customers, so reading them whole is cheap at any scale.
import type { Db } from '../../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../../scope/index.js';
import { maskAddress, maskCustomerName, maskPhone } from '../../../../../shared/masking.js';
import type { AlertEffect, Evidence } from '../../../../../shared/monitoring.js';

export interface CreditCard {
  card_no: string;
  masked: string;
  cust_id: string;
  issue_date: string;
  activate_date: string | null;
  status: string | null;
  last_txn_date: string | null;
  txn_count_12m: number | null;
  manager_id: string | null;
  org: string | null;
  cust_name: string | null;
  cust_type: string | null;
  phone: string | null;
  address: string | null;
}

export function readCreditCards(db: Db): CreditCard[] {
  return db
    .prepare(
      `SELECT k.card_no, COALESCE(k.card_no_masked, '') AS masked, k.cust_id, k.issue_date, NULLIF(k.activate_date, '') AS activate_date,
              k.status, NULLIF(k.last_txn_date, '') AS last_txn_date, k.txn_count_12m, NULLIF(k.manager_id, '') AS manager_id,
              ${rowOrgSql('k', 'c')} AS org, c.name AS cust_name, c.cust_type, c.phone, c.address
         FROM card k ${customerJoin('card', 'k', 'c')}
        WHERE k.card_type = '贷记卡'`,
    )
    .all() as CreditCard[];
}

/** The card counts in 贷记卡发卡量 (DATA.md credit_cards_issued): issued by the day and not 销卡. */
export function countsAsIssued(c: CreditCard, day: string): boolean {
  return c.issue_date <= day && c.status !== '销卡';
}

/** Never activated by the day, or activated and used at most `tokenTxns` times (近12月交易笔数). */
export function isIdle(c: CreditCard, day: string, tokenTxns: number): boolean {
  if (c.activate_date === null || c.activate_date > day) return true;
  return (c.txn_count_12m ?? 0) <= tokenTxns;
}

export function cardEvidence(c: CreditCard): Evidence {
  return {
    kind: 'card',
    id: c.masked,
    fields: {
      卡号: c.masked,
      客户号: c.cust_id,
      客户名称: maskCustomerName(c.cust_name, c.cust_type),
      发卡日期: c.issue_date,
      激活日期: c.activate_date,
      卡状态: c.status,
      近12月交易笔数: c.txn_count_12m,
      最近交易日期: c.last_txn_date,
      营销客户经理号: c.manager_id,
      所属机构号: c.org,
    },
  };
}

export function holderEvidence(c: CreditCard, shared: string): Evidence {
  return {
    kind: 'customer',
    id: c.cust_id,
    fields: {
      客户名称: maskCustomerName(c.cust_name, c.cust_type),
      手机号码: maskPhone(c.phone),
      联系地址: maskAddress(c.address),
      共用: shared,
      贷记卡: c.masked,
      发卡日期: c.issue_date,
      营销客户经理号: c.manager_id,
    },
  };
}

/** The cards out of 贷记卡发卡量 on [from, to], one effect per org and staff member. */
export function issuedEffects(cards: CreditCard[], from: (c: CreditCard) => string, to: string): AlertEffect[] {
  const by = new Map<string, AlertEffect>();
  for (const c of cards) {
    const f = from(c);
    const key = `${f}\u0001${c.org ?? ''}\u0001${c.manager_id ?? ''}`;
    const e = by.get(key) ?? { key: 'credit_cards_issued', from: f, to, org_id: c.org, staff_id: c.manager_id, value: 0 };
    e.value += 1;
    by.set(key, e);
  }
  return [...by.values()];
}

/** The org most of the cards belong to (ties: the smallest id), for an alert about a staff member. */
export function mainOrg(cards: CreditCard[]): string | null {
  const n = new Map<string, number>();
  for (const c of cards) if (c.org) n.set(c.org, (n.get(c.org) ?? 0) + 1);
  let best: string | null = null;
  for (const [org, k] of [...n].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (best === null || k > n.get(best)!) best = org;
  return best;
}
