// card.bulk_issue: many 贷记卡 marketed by one 客户经理 on one day, most of them never activated or
// used once. A manager paid per card can open cards for customers who never asked for one; the
// day's batch standing idle is what tells it from a real campaign (a payroll or village drive),
// whose cards get activated and used.
import type { Finding, RuleDef } from '../../rule.js';
import { cnDay, cnPct, OPEN_END, scoreOver } from '../kit.js';
import { cardEvidence, isIdle, issuedEffects, mainOrg, readCreditCards, type CreditCard } from './cards.js';

export const bulkIssue: RuleDef = {
  id: 'card.bulk_issue',
  zh: '同一客户经理单日集中发卡',
  en: 'Many cards by one manager on one day',
  explanation:
    '找出同一营销客户经理在同一天发放贷记卡达到设定张数、且其中多数至今未激活或激活后只有一笔交易的情形。贷记卡发卡量计入考核，集中为并无用卡需求的客户批量办卡、只激活不使用，是虚增发卡量的常见做法；真实的集中营销（如代发工资单位批量办卡）其卡片会被激活使用，不会触发本规则。',
  explanationEn:
    'Finds a marketing manager who issued at least the set number of credit cards on one day, most of which are still not activated or were used only once after activation. Cards issued count towards the assessment, so opening cards in bulk for customers who never use them inflates the figure; a genuine campaign (a payroll employer signing up its staff) produces cards that get activated and used, and does not trigger the rule.',
  params: [
    { key: 'min_cards', zh: '单日最少发卡张数', en: 'Cards on one day, at least', kind: 'count', min: 2, max: 10_000, default: 10 },
    { key: 'idle_share', zh: '未激活或仅一笔交易占比不低于', en: 'Share idle, at least', kind: 'ratio', min: 0, max: 1, default: 0.5 },
    { key: 'token_txns', zh: '视为象征性使用的最多交易笔数', en: 'Transactions that count as a token use, at most', kind: 'count', min: 0, max: 100, default: 1 },
  ],
  run({ db, period, params }) {
    const minCards = params.min_cards;
    const byDay = new Map<string, CreditCard[]>();
    for (const c of readCreditCards(db)) {
      if (!c.manager_id || c.issue_date < period.from || c.issue_date > period.to) continue;
      const key = `${c.manager_id}\u0001${c.issue_date}`;
      const list = byDay.get(key);
      if (list) list.push(c);
      else byDay.set(key, [c]);
    }
    // the burst days of each staff member, grouped by month: one alert per staff member and month
    const hits = new Map<string, { staff: string; month: string; days: { day: string; cards: CreditCard[]; idle: number }[] }>();
    for (const [key, cards] of byDay) {
      if (cards.length < minCards) continue;
      const [staff, day] = key.split('\u0001');
      const idle = cards.filter((c) => isIdle(c, period.to, params.token_txns)).length;
      if (idle / cards.length < params.idle_share) continue;
      const hk = `${staff}\u0001${day.slice(0, 7)}`;
      const h = hits.get(hk) ?? { staff, month: day.slice(0, 7), days: [] };
      h.days.push({ day, cards, idle });
      hits.set(hk, h);
    }
    const out: Finding[] = [];
    for (const h of hits.values()) {
      h.days.sort((a, b) => (a.day < b.day ? -1 : 1));
      const all = h.days.flatMap((d) => d.cards);
      const most = Math.max(...h.days.map((d) => d.cards.length));
      const parts = h.days.map((d) => `${cnDay(d.day)} 发卡 ${d.cards.length} 张，其中 ${d.idle} 张（${cnPct(d.idle / d.cards.length)}）至今未激活或仅 ${params.token_txns} 笔以内交易`);
      out.push({
        rule: 'card.bulk_issue',
        subject: { type: 'staff', id: h.staff },
        org_id: mainOrg(all),
        staff_id: h.staff,
        period: h.month,
        score: scoreOver(most, minCards),
        summary: `客户经理 ${h.staff} ${parts.join('；')}`,
        evidence: all.map(cardEvidence),
        effects: issuedEffects(all.filter((c) => c.status !== '销卡'), (c) => c.issue_date, OPEN_END),
      });
    }
    return out;
  },
};
