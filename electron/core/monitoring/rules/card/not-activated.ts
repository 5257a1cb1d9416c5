// card.not_activated: a 客户经理 whose 贷记卡, issued long enough ago, are mostly never activated or
// were activated for one token transaction. Judged at each month end of the period (the period's
// last day for a month not over) on the cards issued in a look-back window that ends the set
// number of days before it: a card issued last week has had no time to be activated.
import { addDays, monthStart } from '../../../../../shared/dates.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnPct, judgeDays, scoreOver } from '../kit.js';
import { cardEvidence, isIdle, issuedEffects, mainOrg, readCreditCards, type CreditCard } from './cards.js';

export const notActivated: RuleDef = {
  id: 'card.not_activated',
  zh: '客户经理营销贷记卡多数未激活',
  en: "A manager's cards mostly never activated",
  explanation:
    '在每个月末，检查每名营销客户经理在回溯期内发放、且已超过设定天数（默认90天）的贷记卡：其中未激活、或激活后交易不超过设定笔数的占比达到阈值，且张数不少于设定值时提示。发卡量计入考核而激活和用卡不计入时，为完成任务而办出的卡会长期沉睡，这是睡眠卡率高、虚增发卡量的直接迹象。',
  explanationEn:
    "At each month end, looks at the credit cards each marketing manager issued within the look-back window and at least the set number of days (90 by default) before: when the share never activated, or activated with no more than the set number of transactions, reaches the threshold, and there are at least the minimum number of cards, it raises an alert. Where cards issued count towards the assessment and their use does not, cards opened to meet a target stay dormant: a high dormancy share is the direct sign of an inflated card count.",
  params: [
    { key: 'days_after', zh: '发卡后观察天数', en: 'Days after issue', kind: 'days', min: 1, max: 730, default: 90 },
    { key: 'lookback_days', zh: '回溯天数', en: 'Look-back window (days)', kind: 'days', min: 30, max: 3650, default: 365 },
    { key: 'min_cards', zh: '最少卡数', en: 'Cards, at least', kind: 'count', min: 1, max: 10_000, default: 5 },
    { key: 'share', zh: '未激活或象征性使用占比不低于', en: 'Share idle, at least', kind: 'ratio', min: 0, max: 1, default: 0.7 },
    { key: 'token_txns', zh: '视为象征性使用的最多交易笔数', en: 'Transactions that count as a token use, at most', kind: 'count', min: 0, max: 100, default: 1 },
  ],
  run({ db, period, params }) {
    const cards = readCreditCards(db).filter((c) => c.manager_id && c.status !== '销卡');
    const out: Finding[] = [];
    for (const day of judgeDays(period)) {
      const last = addDays(day, -params.days_after);
      const first = addDays(day, -params.lookback_days);
      const byStaff = new Map<string, CreditCard[]>();
      for (const c of cards) {
        if (c.issue_date > last || c.issue_date < first) continue;
        const l = byStaff.get(c.manager_id!);
        if (l) l.push(c);
        else byStaff.set(c.manager_id!, [c]);
      }
      for (const [staff, list] of byStaff) {
        if (list.length < params.min_cards) continue;
        const idle = list.filter((c) => isIdle(c, day, params.token_txns));
        const share = idle.length / list.length;
        if (share < params.share) continue;
        const never = idle.filter((c) => c.activate_date === null || c.activate_date > day).length;
        out.push({
          rule: 'card.not_activated',
          subject: { type: 'staff', id: staff },
          org_id: mainOrg(list),
          staff_id: staff,
          period: day.slice(0, 7),
          score: scoreOver(share, params.share),
          summary: `客户经理 ${staff} ${first} 至 ${last} 发放的 ${list.length} 张贷记卡，截至 ${day} 有 ${never} 张未激活、${idle.length - never} 张激活后交易不超过 ${params.token_txns} 笔，合计占 ${cnPct(share)}`,
          evidence: idle.sort((a, b) => (a.issue_date < b.issue_date ? -1 : 1)).map(cardEvidence),
          effects: issuedEffects(idle, () => monthStart(day), day),
        });
      }
    }
    return out;
  },
};
