// The catalog's rules as lookups from a record's category to the bits of the items it makes held,
// so one pass over each table serves every item (bit id − 1 of the mask is item id).
import type { ItemDef } from '../../../shared/crm.js';

export interface LoanTest {
  bit: number;
  positiveBalance: boolean;
  online: boolean;
  guarantees: string[] | null;
}

export interface CompiledCatalog {
  depositKinds: Map<string, number>; // 存款种类 → bits
  signingTypes: Map<string, number>; // 业务类型 → bits (signing items and loan items' orSigningTypes)
  cardTypes: Map<string, number>; // 卡种 → bits
  merchantBits: number;
  loans: LoanTest[];
}

export const bitOf = (id: number): number => 2 ** (id - 1);

function add(map: Map<string, number>, keys: readonly string[], bit: number): void {
  for (const k of keys) map.set(k, (map.get(k) ?? 0) | bit);
}

export function compileCatalog(items: ItemDef[]): CompiledCatalog {
  const c: CompiledCatalog = { depositKinds: new Map(), signingTypes: new Map(), cardTypes: new Map(), merchantBits: 0, loans: [] };
  for (const item of items) {
    const bit = bitOf(item.id);
    const r = item.rule;
    if (r.kind === 'deposit') add(c.depositKinds, r.depositKinds, bit);
    else if (r.kind === 'signing') add(c.signingTypes, r.signingTypes, bit);
    else if (r.kind === 'card') add(c.cardTypes, r.cardTypes, bit);
    else if (r.kind === 'merchant') c.merchantBits |= bit;
    else {
      // `online: false` and `positiveBalance: false` mean "no condition", not "must not be"
      c.loans.push({ bit, positiveBalance: r.positiveBalance === true, online: r.online === true, guarantees: r.guarantees?.length ? r.guarantees : null });
      if (r.orSigningTypes) add(c.signingTypes, r.orSigningTypes, bit);
    }
  }
  return c;
}

export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}
