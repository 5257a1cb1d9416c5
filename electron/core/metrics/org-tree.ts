// The org hierarchy (总行 ⊃ 支行 ⊃ 分理处) read from org.parent_id. Imported data can be wrong, so
// a cycle or a parent that is not loaded must never hang or crash the figures: each walk up the
// tree stops at the first org it has already seen or does not know.
import type { Db } from '../db/connection.js';

export interface OrgRow {
  org_id: string;
  name: string;
  level: string | null;
  parent_id: string | null;
}

export interface OrgTree {
  /** every org, parents before children (depth-first from the roots, siblings by org_id) */
  orgs: OrgRow[];
  byId: Map<string, OrgRow>;
  /** orgs with no parent or a parent that is not loaded */
  roots: OrgRow[];
  /** the org itself and every org above it */
  ancestors(orgId: string): string[];
  children(orgId: string): OrgRow[];
}

export function loadOrgTree(db: Db): OrgTree {
  const rows = db.prepare('SELECT org_id, name, level, parent_id FROM org ORDER BY org_id').all() as OrgRow[];
  const byId = new Map(rows.map((r) => [r.org_id, r]));
  const kids = new Map<string, OrgRow[]>();
  const roots: OrgRow[] = [];
  for (const r of rows) {
    if (r.parent_id !== null && r.parent_id !== r.org_id && byId.has(r.parent_id)) {
      const list = kids.get(r.parent_id) ?? [];
      list.push(r);
      kids.set(r.parent_id, list);
    } else {
      roots.push(r);
    }
  }

  const ancestorCache = new Map<string, string[]>();
  const ancestors = (orgId: string): string[] => {
    const cached = ancestorCache.get(orgId);
    if (cached) return cached;
    const chain: string[] = [];
    const seen = new Set<string>();
    let cur: string | null = orgId;
    while (cur !== null && byId.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      chain.push(cur);
      cur = byId.get(cur)!.parent_id;
    }
    ancestorCache.set(orgId, chain);
    return chain;
  };

  // Orgs caught in a cycle are reachable from no root; they are appended so every org is listed.
  const ordered: OrgRow[] = [];
  const placed = new Set<string>();
  const visit = (start: OrgRow): void => {
    const stack = [start];
    while (stack.length) {
      const r = stack.pop()!;
      if (placed.has(r.org_id)) continue;
      placed.add(r.org_id);
      ordered.push(r);
      const c = kids.get(r.org_id) ?? [];
      for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
    }
  };
  for (const r of roots) visit(r);
  for (const r of rows) visit(r);

  return { orgs: ordered, byId, roots, ancestors, children: (id) => kids.get(id) ?? [] };
}
