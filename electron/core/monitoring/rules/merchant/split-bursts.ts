// merchant.split_bursts: one payer paying the same merchant many small sums within minutes, adding
// up to a sizeable total: one payment split into many to multiply the transaction count (and to
// stay under a per-payment limit). Repeated bursts in a month make the case.
import { fenToYuan } from '../../../../../shared/money.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnMoney, fenOf, scoreOver } from '../kit.js';
import { figures, merchantEffects, merchantEvidence, merchantFinding, merchantName, monthTxns, sample, timeOf, txnEvidence } from './month.js';

interface Burst {
  rows: number[];
  fen: number;
}

export const splitBursts: RuleDef = {
  id: 'merchant.split_bursts',
  zh: '同一付款方短时间内拆分小额支付',
  en: 'Bursts of small payments split within minutes',
  explanation:
    '找出同一付款方在设定分钟数内向同一商户连续支付多笔小额款项、合计达到设定金额的“拆单”行为，当月出现次数达到设定值即提示。把一笔款项拆成多笔小额支付，可以成倍虚增交易笔数（并规避单笔限额），是刷高交易量、凑高质量商户笔数的常见手法；顾客偶尔分两三次付款不会达到笔数和金额要求。',
  explanationEn:
    'Finds one payer paying the same merchant several small sums within the set number of minutes, adding up to at least the set total (a split payment), and raises an alert when the month holds at least the set number of such bursts. Splitting one payment into many small ones multiplies the transaction count (and dodges a per-payment limit): a common way to pad volume and the high-quality transaction count. A customer paying in two or three parts now and then does not reach the count and total.',
  params: [
    { key: 'window_minutes', zh: '时间窗口（分钟）', en: 'Window (minutes)', kind: 'minutes', min: 1, max: 1440, default: 10 },
    { key: 'min_count', zh: '窗口内最少笔数', en: 'Payments in the window, at least', kind: 'count', min: 2, max: 1000, default: 5 },
    { key: 'max_each', zh: '单笔小额上限（元）', en: 'Small payment, at most (yuan)', kind: 'yuan', min: 0.01, max: 1_000_000, default: 1000 },
    { key: 'min_total', zh: '一次拆单合计不低于（元）', en: 'Burst total, at least (yuan)', kind: 'yuan', min: 0, max: 100_000_000, default: 1000 },
    { key: 'min_bursts', zh: '当月最少拆单次数', en: 'Bursts in the month, at least', kind: 'count', min: 1, max: 1000, default: 2 },
  ],
  run({ db, period, params }) {
    const t = monthTxns(db, period);
    const windowSec = params.window_minutes * 60;
    const maxEach = fenOf(params.max_each);
    const minTotal = fenOf(params.min_total);
    const out: Finding[] = [];
    for (const g of t.groups) {
      if (g.end - g.start < params.min_count * params.min_bursts) continue;
      // each payer's small payments, in time order (the group's rows are)
      const byPayer = new Map<number, number[]>();
      for (let i = g.start; i < g.end; i++) {
        if (t.payer[i] < 0 || t.fen[i] > maxEach) continue;
        const l = byPayer.get(t.payer[i]);
        if (l) l.push(i);
        else byPayer.set(t.payer[i], [i]);
      }
      const at = (i: number) => t.day[i] * 86_400 + t.sec[i];
      const bursts: Burst[] = [];
      for (const list of byPayer.values()) {
        if (list.length < params.min_count) continue;
        // greedy from each start: the payments within the window of the first one
        let a = 0;
        while (a < list.length) {
          let b = a;
          let fen = 0;
          while (b < list.length && at(list[b]) - at(list[a]) <= windowSec) fen += t.fen[list[b++]];
          if (b - a >= params.min_count && fen >= minTotal) {
            bursts.push({ rows: list.slice(a, b), fen });
            a = b;
          } else a++;
        }
      }
      if (bursts.length < params.min_bursts) continue;
      bursts.sort((x, y) => x.rows[0] - y.rows[0]);
      const inBurst = new Set(bursts.flatMap((b) => b.rows));
      const total = bursts.reduce((s, b) => s + b.fen, 0);
      const first = bursts[0];
      const rows = [...inBurst].sort((x, y) => x - y);
      const burstOf = new Map<number, number>();
      bursts.forEach((b, k) => b.rows.forEach((i) => burstOf.set(t.rowid[i], k + 1)));
      out.push(
        merchantFinding('merchant.split_bursts', g, {
          score: scoreOver(bursts.length, params.min_bursts),
          summary:
            `${merchantName(g)} 出现 ${bursts.length} 次同一付款方 ${params.window_minutes} 分钟内连续小额支付，共 ${inBurst.size} 笔 ${cnMoney(total)}；` +
            `如 ${timeOf(t, g, first.rows[0])} 起付款方 ${t.payers[t.payer[first.rows[0]]]} ${first.rows.length} 笔共 ${cnMoney(first.fen)}`,
          evidence: [
            merchantEvidence(g, figures(t, g)),
            ...bursts.slice(0, 20).map((b, k) => ({
              kind: 'figure' as const,
              id: `burst-${k + 1}`,
              fields: { 开始: timeOf(t, g, b.rows[0]), 结束: timeOf(t, g, b.rows[b.rows.length - 1]), 付款方标识: t.payers[t.payer[b.rows[0]]], 笔数: b.rows.length, 金额: fenToYuan(b.fen) },
            })),
            ...txnEvidence(db, sample(rows, 60).map((i) => t.rowid[i]), (rowid) => `第 ${burstOf.get(rowid)} 次拆单`),
          ],
          effects: merchantEffects(t, g, period, (i) => inBurst.has(i)),
        }),
      );
    }
    return out;
  },
};
