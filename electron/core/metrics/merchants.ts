// 高质量商户 (DATA.md, "Indicators"): the thresholds over the month up to the date, read by the
// indicators' merchant family and by the drill-down lists behind it.

/** ≥ 20 active days, ≥ 100 transactions, ≥ 30 distinct payers (消费 or of no stated type); a future setting. */
export const HIGH_QUALITY = { activeDays: 20, transactions: 100, payers: 30 } as const;
