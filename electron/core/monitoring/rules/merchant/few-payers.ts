// merchant.few_payers: a merchant just over the 高质量 thresholds (活跃天数, 笔数, 付款人数) whose
// money comes mostly from a few payers: the shape of a merchant kept 高质量 by a few friendly
// cards paying every day, while a crowd of one-off small payments makes up the payer count.
import { HIGH_QUALITY } from '../../../metrics/merchants.js';
import { fenToYuan } from '../../../../../shared/money.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnMoney, cnPct, scoreOver } from '../kit.js';
import { figures, isHighQuality, merchantEffects, merchantEvidence, merchantFinding, merchantName, monthTxns, sample, txnEvidence } from './month.js';

/** the most a count may be and still be "just over" a threshold: ⌊threshold × (1 + margin)⌋, exact
 *  for margins given to a few decimals (100 × 1.14 is 113.99999999999999 in floating point) */
function justOver(threshold: number, margin: number): number {
  return Math.floor(threshold * (1 + margin) + 1e-9);
}

export const fewPayers: RuleDef = {
  id: 'merchant.few_payers',
  zh: '刚过高质量门槛且交易集中于少数付款方',
  en: 'Just over the high-quality thresholds, volume from a few payers',
  explanation:
    '找出当月刚刚达到高质量商户标准（活跃天数、交易笔数、付款人数均达标，但笔数和付款人数不超过门槛的设定倍数）、而交易金额大部分来自少数几个付款方的商户。高质量商户数计入考核，靠几张卡天天刷、再凑一批一次性的小额付款人来“达标”，是制造高质量商户的典型手法；真正的高质量商户客源分散，不会触发本规则。',
  explanationEn:
    'Finds merchants that only just meet the high-quality standard in the month (active days, transactions and payers all at or over the thresholds, but transactions and payers no more than the set multiple of them) while most of their amount comes from a handful of payers. High-quality merchants count towards the assessment; a few cards paying every day plus a crowd of one-off small payers to reach the payer count is how one is manufactured. A genuinely busy shop has a spread of customers and does not trigger the rule.',
  params: [
    { key: 'margin', zh: '“刚过门槛”：笔数和付款人数不超过门槛的(1+该值)倍', en: '"Just over": transactions and payers within (1 + this) × the threshold', kind: 'ratio', min: 0, max: 10, default: 0.5 },
    { key: 'top_payers', zh: '少数付款方的个数', en: 'Number of top payers', kind: 'count', min: 1, max: 20, default: 3 },
    { key: 'share', zh: '少数付款方金额占比不低于', en: 'Their share of the amount, at least', kind: 'ratio', min: 0, max: 1, default: 0.5 },
  ],
  run({ db, period, params }) {
    const t = monthTxns(db, period);
    const out: Finding[] = [];
    const top = params.top_payers;
    for (const g of t.groups) {
      const f = figures(t, g);
      if (!isHighQuality(f)) continue;
      if (f.n > justOver(HIGH_QUALITY.transactions, params.margin) || f.payers > justOver(HIGH_QUALITY.payers, params.margin)) continue;
      const byPayer = new Map<number, number>();
      for (let i = g.start; i < g.end; i++) if (t.payer[i] >= 0) byPayer.set(t.payer[i], (byPayer.get(t.payer[i]) ?? 0) + t.fen[i]);
      const ranked = [...byPayer].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, top);
      const topFen = ranked.reduce((s, [, fen]) => s + fen, 0);
      const share = f.fen > 0 ? topFen / f.fen : 0;
      if (share < params.share) continue;
      const chosen = new Set(ranked.map(([p]) => p));
      const rows: number[] = [];
      for (let i = g.start; i < g.end; i++) if (chosen.has(t.payer[i])) rows.push(i);
      const summary =
        `${merchantName(g)} 活跃 ${f.days} 天、交易 ${f.n} 笔、付款人 ${f.payers} 个，刚过高质量门槛（${HIGH_QUALITY.activeDays} 天、${HIGH_QUALITY.transactions} 笔、${HIGH_QUALITY.payers} 人）；` +
        `其中 ${ranked.length} 个付款方 ${rows.length} 笔共 ${cnMoney(topFen)}，占交易金额 ${cnPct(share)}`;
      out.push(
        merchantFinding('merchant.few_payers', g, {
          score: scoreOver(share, params.share),
          summary,
          evidence: [
            merchantEvidence(g, f),
            ...ranked.map(([p, fen]) => ({
              kind: 'figure' as const,
              id: t.payers[p],
              fields: { 付款方标识: t.payers[p], 笔数: rows.filter((i) => t.payer[i] === p).length, 金额: fenToYuan(fen), 金额占比: fen / f.fen },
            })),
            ...txnEvidence(db, sample(rows, 40).map((i) => t.rowid[i])),
          ],
          effects: merchantEffects(t, g, period, (i) => chosen.has(t.payer[i]), 'always'),
        }),
      );
    }
    return out;
  },
};
