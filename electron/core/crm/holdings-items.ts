// The 18 items of one customer, judged record by record in TS from customerRecords: the
// per-customer reading of the catalog's rules (the set-wise one is holdings-build.ts), with the
// earliest start date and the record that makes each item held.
import type { ItemDef, ItemHolding, ItemRule } from '../../../shared/crm.js';
import type { Db } from '../db/connection.js';
import { inService } from '../rules/in-service.js';
import { getCatalog } from './catalog.js';
import { customerRecords, type CustomerRecords } from './holdings-records.js';

interface Evidence {
  since: string | null;
  source: { dataset: string; key: string; label: string };
}

function evidenceFor(rule: ItemRule, r: CustomerRecords): Evidence[] {
  const out: Evidence[] = [];
  const signings = (types: readonly string[]) => {
    for (const s of r.signings) {
      if (types.includes(s.biz_type) && inService.signing(s, r.date)) {
        out.push({ since: s.sign_date, source: { dataset: 'signing', key: s.sign_no, label: `${s.biz_type} 签约流水号 ${s.sign_no} 签约 ${s.sign_date}` } });
      }
    }
  };
  switch (rule.kind) {
    case 'deposit':
      for (const d of r.deposits) {
        if (inService.deposit(d) && d.kind !== null && rule.depositKinds.includes(d.kind)) {
          out.push({ since: d.open_date, source: { dataset: 'deposit', key: d.acct_no, label: `${d.kind} 账号 ${d.acct_no}${d.open_date ? ` 开户 ${d.open_date}` : ''}` } });
        }
      }
      break;
    case 'signing':
      signings(rule.signingTypes);
      break;
    case 'card':
      for (const c of r.cards) {
        if (inService.card(c) && rule.cardTypes.includes(c.card_type)) {
          const no = c.card_no_masked ?? '';
          out.push({ since: c.issue_date, source: { dataset: 'card', key: no, label: `${c.card_type} 卡号 ${no} 发卡 ${c.issue_date}` } });
        }
      }
      break;
    case 'merchant':
      for (const m of r.merchants) {
        if (inService.merchant(m, r.date)) {
          out.push({ since: m.sign_date, source: { dataset: 'merchant', key: m.merchant_id, label: `收单商户 ${m.name} 商户号 ${m.merchant_id}${m.sign_date ? ` 签约 ${m.sign_date}` : ''}` } });
        }
      }
      break;
    case 'loan':
      for (const l of r.loans) {
        if (rule.positiveBalance === true && !(l.balance > 0)) continue;
        if (rule.online === true && l.is_online !== 1) continue;
        if (rule.guarantees?.length && (l.guarantee === null || !rule.guarantees.includes(l.guarantee))) continue;
        out.push({ since: l.issue_date, source: { dataset: 'loan', key: l.loan_no, label: `${l.product ?? '贷款'} 借据号 ${l.loan_no} 发放 ${l.issue_date}` } });
      }
      if (rule.orSigningTypes) signings(rule.orSigningTypes);
      break;
  }
  return out;
}

/** Earliest known start first; records without a start date last. */
function earliest(ev: Evidence[]): Evidence | null {
  let best: Evidence | null = null;
  for (const e of ev) {
    if (best === null || (e.since !== null && (best.since === null || e.since < best.since))) best = e;
  }
  return best;
}

export function itemsFromRecords(catalog: ItemDef[], r: CustomerRecords): ItemHolding[] {
  return catalog.map((item) => {
    const first = earliest(evidenceFor(item.rule, r));
    return { id: item.id, name: item.name, group: item.group, held: first !== null, since: first?.since ?? null, source: first?.source ?? null };
  });
}

/** The 18 items of a customer as of a date (YYYY-MM-DD), in catalog order. */
export function customerItems(db: Db, custId: string, date: string, catalog = getCatalog(db)): ItemHolding[] {
  return itemsFromRecords(catalog, customerRecords(db, custId, date));
}
