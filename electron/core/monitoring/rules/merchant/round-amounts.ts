// merchant.round_amounts: a merchant whose month is mostly round sums (whole hundreds) or the
// same amounts over and over. Real tickets scatter (23.50, 61.80 …); money moved through a
// terminal to make volume comes in round or repeated sums.
import { fenToYuan } from '../../../../../shared/money.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnMoney, cnPct, fenOf, scoreOver } from '../kit.js';
import { figures, merchantEffects, merchantEvidence, merchantFinding, merchantName, monthTxns, sample, txnEvidence } from './month.js';

export const roundAmounts: RuleDef = {
  id: 'merchant.round_amounts',
  zh: '整数或重复金额交易',
  en: 'Round or repeated amounts',
  explanation:
    '找出当月交易中，金额为设定整数单位（默认100元）的整数倍、或同一金额反复出现达到设定次数的交易，占该商户交易笔数达到阈值的商户（只看不低于起点金额的交易，小额定价商品的重复金额属正常）。真实消费的金额零散不一，为冲交易量、交易额而在终端上刷出的资金往往是整百整千或固定几个金额，是虚假交易的常见痕迹。',
  explanationEn:
    'Finds merchants where the transactions that are a multiple of the set round unit (100 yuan by default), or an amount repeated at least the set number of times, make up at least the threshold share of the month\'s transactions (only amounts at or above the floor count: a fixed-price cheap item repeats legitimately). Real purchases come in scattered amounts; money pushed through a terminal to make volume tends to come in whole hundreds or a few fixed sums, a common trace of fictitious transactions.',
  params: [
    { key: 'round_unit', zh: '整数单位（元）', en: 'Round unit (yuan)', kind: 'yuan', min: 1, max: 1_000_000, default: 100 },
    { key: 'min_amount', zh: '起点金额（元）', en: 'Amount floor (yuan)', kind: 'yuan', min: 0, max: 1_000_000, default: 100 },
    { key: 'repeat_times', zh: '同一金额出现次数不少于', en: 'Same amount repeated, at least (times)', kind: 'count', min: 2, max: 10_000, default: 3 },
    { key: 'share', zh: '此类交易笔数占比不低于', en: 'Share of transactions, at least', kind: 'ratio', min: 0, max: 1, default: 0.6 },
    { key: 'min_txns', zh: '当月最少交易笔数', en: 'Transactions in the month, at least', kind: 'count', min: 1, max: 1_000_000, default: 30 },
  ],
  run({ db, period, params }) {
    const t = monthTxns(db, period);
    const unit = fenOf(params.round_unit);
    const floor = fenOf(params.min_amount);
    const out: Finding[] = [];
    for (const g of t.groups) {
      const n = g.end - g.start;
      if (n < params.min_txns) continue;
      const times = new Map<number, number>();
      for (let i = g.start; i < g.end; i++) if (t.fen[i] >= floor) times.set(t.fen[i], (times.get(t.fen[i]) ?? 0) + 1);
      const oddAmount = (fen: number) => fen >= floor && fen > 0 && (fen % unit === 0 || times.get(fen)! >= params.repeat_times);
      const odd = (i: number) => oddAmount(t.fen[i]);
      const rows: number[] = [];
      for (let i = g.start; i < g.end; i++) if (odd(i)) rows.push(i);
      const share = rows.length / n;
      if (share < params.share) continue;
      const common = [...times].filter(([fen]) => oddAmount(fen)).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5);
      const oddFen = rows.reduce((s, i) => s + t.fen[i], 0);
      const f = figures(t, g);
      out.push(
        merchantFinding('merchant.round_amounts', g, {
          score: scoreOver(share, params.share),
          summary:
            `${merchantName(g)} ${n} 笔交易中 ${rows.length} 笔（${cnPct(share)}）为 ${params.round_unit} 元整数倍或重复出现的金额，共 ${cnMoney(oddFen)}；` +
            `最常见：${common.map(([fen, k]) => `${cnMoney(fen)} ${k} 笔`).join('、')}`,
          evidence: [
            merchantEvidence(g, f),
            ...common.map(([fen, k]) => ({ kind: 'figure' as const, id: `${fenToYuan(fen)}`, fields: { 金额: fenToYuan(fen), 笔数: k, 占比: k / n } })),
            ...txnEvidence(db, sample(rows, 40).map((i) => t.rowid[i])),
          ],
          effects: merchantEffects(t, g, period, odd),
        }),
      );
    }
    return out;
  },
};
