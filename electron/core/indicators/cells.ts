// The additive parts of the indicators of one date and one family, per org × staff cell, as a
// family computes them before they are stored (store.ts). Distinct counts keep the customers of
// each cell, so a customer found in two cells can be listed in ind_overlap and counted once when
// the cells are summed (read.ts).

const SEP = '\u0001';

export interface CellRow {
  org: string;
  staff: string;
  measure: string;
  value: bigint;
}

export interface OverlapRow {
  measure: string;
  cust: string;
  org: string;
  staff: string;
}

export class CellBag {
  private readonly sums = new Map<string, bigint>();
  /** measure → customer → the cells it is counted in */
  private readonly members = new Map<string, Map<string, Set<string>>>();

  /** Adds v to the measure of the row's cell (a null org or staff is the '' cell). */
  add(org: string | null, staff: string | null, measure: string, v: number | bigint): void {
    const k = (org ?? '') + SEP + (staff ?? '') + SEP + measure;
    this.sums.set(k, (this.sums.get(k) ?? 0n) + BigInt(v));
  }

  /** Counts the customer once in the cell for a distinct measure. */
  distinct(org: string | null, staff: string | null, measure: string, cust: string): void {
    let byCust = this.members.get(measure);
    if (!byCust) this.members.set(measure, (byCust = new Map()));
    let cells = byCust.get(cust);
    if (!cells) byCust.set(cust, (cells = new Set()));
    cells.add((org ?? '') + SEP + (staff ?? ''));
  }

  rows(): CellRow[] {
    const out: CellRow[] = [];
    const counts = new Map<string, bigint>(this.sums);
    for (const [measure, byCust] of this.members) {
      for (const cells of byCust.values()) {
        for (const cell of cells) {
          const k = cell + SEP + measure;
          counts.set(k, (counts.get(k) ?? 0n) + 1n);
        }
      }
    }
    for (const [k, value] of counts) {
      const [org, staff, measure] = k.split(SEP);
      out.push({ org, staff, measure, value });
    }
    return out;
  }

  /** Customers counted in more than one cell of a distinct measure, one row per cell. */
  overlaps(): OverlapRow[] {
    const out: OverlapRow[] = [];
    for (const [measure, byCust] of this.members) {
      for (const [cust, cells] of byCust) {
        if (cells.size < 2) continue;
        for (const cell of cells) {
          const [org, staff] = cell.split(SEP);
          out.push({ measure, cust, org, staff });
        }
      }
    }
    return out;
  }
}
