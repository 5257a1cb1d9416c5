// card.shared_contact: several 贷记卡 holders who gave one mobile number (or one address). Cards
// opened in the names of customers who never asked for them are often registered with the
// manager's or an agent's phone; one alert per holder, with the whole group as evidence. A couple
// sharing a phone is ordinary, hence a minimum number of holders.
import { monthStart } from '../../../../../shared/dates.js';
import { maskPhone } from '../../../../../shared/masking.js';
import type { Finding, RuleDef } from '../../rule.js';
import { scoreOver } from '../kit.js';
import { countsAsIssued, holderEvidence, issuedEffects, readCreditCards, type CreditCard } from './cards.js';

/** digits only; a number shorter than 7 digits is no phone anyone could share on purpose */
function phoneKey(p: string | null): string | null {
  const d = (p ?? '').replace(/\D/g, '');
  return d.length >= 7 ? d : null;
}

/** spaces and punctuation do not make two addresses different; a very short one (a village name) is no address */
function addressKey(a: string | null): string | null {
  const s = (a ?? '').replace(/[\s,，.。·\-—()（）#]/g, '');
  return Array.from(s).length >= 6 ? s : null;
}

export const sharedContact: RuleDef = {
  id: 'card.shared_contact',
  zh: '多名持卡人共用联系方式',
  en: 'Cardholders sharing one phone or address',
  explanation:
    '找出预留同一手机号码（或同一联系地址）的贷记卡持卡人达到设定人数的情形，对每名持卡人各提示一次。冒名或虚构客户办卡时，常用客户经理本人或中介的手机号、地址代为登记，既虚增发卡量，也带来冒用和催收风险；夫妻、父子两人共用一个号码属正常情况，因此设有最少人数。判断以期末当日仍有效的贷记卡为准。',
  explanationEn:
    'Finds credit-card holders who registered the same mobile number (or the same address), at least the set number of them, and raises one alert per holder. Cards opened in the names of customers who did not ask for them, or of invented customers, are often registered with the manager\'s or an agent\'s phone or address: it inflates cards issued and brings fraud and collection risk. Two people of one family sharing a number is ordinary, hence the minimum. Judged on the cards standing on the last day of the period.',
  params: [
    { key: 'min_phone_holders', zh: '同一手机号最少持卡人数', en: 'Holders sharing a phone, at least', kind: 'count', min: 2, max: 1000, default: 3 },
    { key: 'min_address_holders', zh: '同一地址最少持卡人数', en: 'Holders sharing an address, at least', kind: 'count', min: 2, max: 1000, default: 4 },
  ],
  run({ db, period, params }) {
    const day = period.to;
    // each holder once (their latest card stands for them), grouped by phone and by address
    const cards = readCreditCards(db).filter((c) => countsAsIssued(c, day));
    const holder = new Map<string, CreditCard>();
    for (const c of cards) {
      const h = holder.get(c.cust_id);
      if (!h || c.issue_date > h.issue_date) holder.set(c.cust_id, c);
    }
    const byPhone = new Map<string, CreditCard[]>();
    const byAddress = new Map<string, CreditCard[]>();
    const push = (m: Map<string, CreditCard[]>, k: string | null, c: CreditCard) => {
      if (k === null) return;
      const l = m.get(k);
      if (l) l.push(c);
      else m.set(k, [c]);
    };
    for (const c of holder.values()) {
      push(byPhone, phoneKey(c.phone), c);
      push(byAddress, addressKey(c.address), c);
    }
    const phoneOf = new Map<string, CreditCard[]>();
    const addressOf = new Map<string, CreditCard[]>();
    for (const g of byPhone.values()) if (g.length >= params.min_phone_holders) for (const c of g) phoneOf.set(c.cust_id, g);
    for (const g of byAddress.values()) if (g.length >= params.min_address_holders) for (const c of g) addressOf.set(c.cust_id, g);
    const cardsOf = new Map<string, CreditCard[]>();
    for (const c of cards) {
      if ((!phoneOf.has(c.cust_id) && !addressOf.has(c.cust_id))) continue;
      cardsOf.set(c.cust_id, [...(cardsOf.get(c.cust_id) ?? []), c]);
    }
    const out: Finding[] = [];
    for (const c of holder.values()) {
      const gp = phoneOf.get(c.cust_id);
      const ga = addressOf.get(c.cust_id);
      if (!gp && !ga) continue;
      const members = new Map<string, CreditCard>();
      for (const m of [...(gp ?? []), ...(ga ?? [])]) members.set(m.cust_id, m);
      const what = [gp ? `同一手机号码 ${maskPhone(c.phone)}（共 ${gp.length} 人）` : '', ga ? `同一联系地址（共 ${ga.length} 人）` : ''].filter(Boolean).join('，');
      const others = [...members.values()].filter((m) => m.cust_id !== c.cust_id).sort((a, b) => (a.cust_id < b.cust_id ? -1 : 1));
      out.push({
        rule: 'card.shared_contact',
        subject: { type: 'customer', id: c.cust_id },
        org_id: c.org,
        staff_id: c.manager_id,
        period: day.slice(0, 7),
        score: Math.max(gp ? scoreOver(gp.length, params.min_phone_holders) : 0, ga ? scoreOver(ga.length, params.min_address_holders) : 0),
        summary: `贷记卡持卡人 ${c.cust_id} 与另外 ${others.length} 名持卡人预留${what}`,
        evidence: [c, ...others].map((m) =>
          holderEvidence(m, [gp?.includes(m) ? '手机号码' : '', ga?.includes(m) ? '联系地址' : ''].filter(Boolean).join('、')),
        ),
        effects: issuedEffects(cardsOf.get(c.cust_id) ?? [], () => monthStart(day), day),
      });
    }
    return out;
  },
};
