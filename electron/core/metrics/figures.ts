// The figures each row contributes to the org it belongs to ("direct" figures, before roll-up).
// Every figure is additive (counts and integer 分), so an org's rolled-up figure is the sum of
// the direct figures of its subtree, and ratios are taken only after that sum.

export interface Direct {
  customers: number;
  depositFen: bigint;
  /** Σ over the days of the month up to the date of that day's deposit total, in 分 */
  depositDaysFen: bigint;
  loanFen: bigint;
  nplFen: bigint;
  creditFen: bigint;
  overdueFen: bigint;
  merchants: number;
  hqMerchants: number;
}

export function zeroDirect(): Direct {
  return {
    customers: 0,
    depositFen: 0n,
    depositDaysFen: 0n,
    loanFen: 0n,
    nplFen: 0n,
    creditFen: 0n,
    overdueFen: 0n,
    merchants: 0,
    hqMerchants: 0,
  };
}

export function addInto(into: Direct, from: Direct): void {
  into.customers += from.customers;
  into.depositFen += from.depositFen;
  into.depositDaysFen += from.depositDaysFen;
  into.loanFen += from.loanFen;
  into.nplFen += from.nplFen;
  into.creditFen += from.creditFen;
  into.overdueFen += from.overdueFen;
  into.merchants += from.merchants;
  into.hqMerchants += from.hqMerchants;
}

/** Direct figures keyed by the row's org as resolved (null: no org could be resolved). */
export class DirectByOrg {
  readonly map = new Map<string | null, Direct>();
  get(org: string | null): Direct {
    let d = this.map.get(org);
    if (!d) {
      d = zeroDirect();
      this.map.set(org, d);
    }
    return d;
  }
}
