// merchant.night: a merchant with a large share of its month's transactions in the small hours
// (01:00–05:00 by default). Shops sleep then; volume at 3 a.m. is money pushed through a terminal
// when nobody watches. A 24-hour shop trades at night too, but as a small share of its day.
import { fenToYuan } from '../../../../../shared/money.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnMoney, cnPct, scoreOver } from '../kit.js';
import { figures, merchantEffects, merchantEvidence, merchantFinding, merchantName, monthTxns, sample, txnEvidence } from './month.js';

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

export const night: RuleDef = {
  id: 'merchant.night',
  zh: '夜间交易占比异常',
  en: 'Night-time volume',
  explanation:
    '找出当月在夜间时段（默认01:00–05:00）的交易笔数占全部交易的比例达到阈值、且夜间笔数不少于设定值的商户。一般商户夜间停业，深夜集中出现的交易多是无人值守时刷卡、扫码制造的流水；24小时营业的便利店等夜间也有交易，但只占全天的一小部分，不会达到占比要求。',
  explanationEn:
    'Finds merchants whose transactions in the night window (01:00–05:00 by default) make up at least the threshold share of the month\'s transactions, with at least the set number of them. Ordinary shops are closed at night; transactions piling up in the small hours are mostly volume made on an unattended terminal. A 24-hour convenience store trades at night too, but only a small part of its day, and stays under the share.',
  params: [
    { key: 'from_hour', zh: '夜间开始（时）', en: 'Night from (hour)', kind: 'hour', min: 0, max: 23, default: 1 },
    { key: 'to_hour', zh: '夜间结束（时，不含）', en: 'Night until (hour, exclusive)', kind: 'hour', min: 0, max: 23, default: 5 },
    { key: 'share', zh: '夜间笔数占比不低于', en: 'Share of transactions at night, at least', kind: 'ratio', min: 0, max: 1, default: 0.3 },
    { key: 'min_night_txns', zh: '夜间最少笔数', en: 'Night transactions, at least', kind: 'count', min: 1, max: 1_000_000, default: 20 },
  ],
  run({ db, period, params }) {
    const t = monthTxns(db, period);
    const from = params.from_hour * 3600;
    const to = params.to_hour * 3600;
    // a window may wrap midnight (23 → 5)
    const atNight = (i: number) => (from <= to ? t.sec[i] >= from && t.sec[i] < to : t.sec[i] >= from || t.sec[i] < to);
    const out: Finding[] = [];
    for (const g of t.groups) {
      const n = g.end - g.start;
      if (n < params.min_night_txns) continue;
      const rows: number[] = [];
      for (let i = g.start; i < g.end; i++) if (atNight(i)) rows.push(i);
      const share = rows.length / n;
      if (rows.length < params.min_night_txns || share < params.share) continue;
      const fen = rows.reduce((s, i) => s + t.fen[i], 0);
      const f = figures(t, g);
      const nights = new Set(rows.map((i) => t.day[i])).size;
      out.push(
        merchantFinding('merchant.night', g, {
          score: scoreOver(share, params.share),
          summary: `${merchantName(g)} ${hh(params.from_hour)}–${hh(params.to_hour)} 交易 ${rows.length} 笔（${nights} 个夜间）共 ${cnMoney(fen)}，占当月 ${n} 笔的 ${cnPct(share)}`,
          evidence: [
            merchantEvidence(g, f),
            { kind: 'figure', id: 'night', fields: { 时段: `${hh(params.from_hour)}–${hh(params.to_hour)}`, 夜间笔数: rows.length, 夜间金额: fenToYuan(fen), 占比: share, 夜间天数: nights } },
            ...txnEvidence(db, sample(rows, 40).map((i) => t.rowid[i])),
          ],
          effects: merchantEffects(t, g, period, atNight),
        }),
      );
    }
    return out;
  },
};
