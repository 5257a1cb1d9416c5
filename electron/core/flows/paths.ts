// The path generator over node indices: the fewest start→end walks for the chosen coverage
// (edges, nodes, or edge pairs), optionally cut to at most K event nodes each, and what stays
// uncovered with its reason. No browser, no files: the model layer (model-paths.ts) maps names.
import { adjacency, NO_PATH, type Digraph } from './graph.js';
import { coverWalks, reach, type Reach } from './cover.js';
import { splitWalks } from './split.js';

export type CoverMode = 'edges' | 'nodes' | 'pairs';

export interface GenerateOptions {
  cover?: CoverMode;
  /** at most this many event nodes per walk */
  maxSteps?: number;
}

export const REASON = {
  noStart: 'unreachable from a start',
  noEnd: 'no end reachable',
  both: 'unreachable from a start; no end reachable',
  tooLong: (k: number) => `needs more than ${k} steps`,
  notAsked: (mode: CoverMode) => `not required by ${mode} coverage`,
} as const;

export interface PathSet {
  walks: number[][];
  /** fewest walks for the coverage before any --max-steps cut (the minimum flow) */
  minimum: number;
  uncoveredEdges: { edge: number; reason: string }[];
  uncoveredNodes: { node: number; reason: string }[];
  /** edge-pair coverage only: every u→v→w of the graph */
  pairs?: { total: number; covered: number; uncovered: { pair: [number, number, number]; reason: string }[] };
}

function reachReason(startOk: boolean, endOk: boolean): string | null {
  if (!startOk && !endOk) return REASON.both;
  if (!startOk) return REASON.noStart;
  if (!endOk) return REASON.noEnd;
  return null;
}

/** The line graph: a node per edge, an edge per pair e1 = u→v, e2 = v→w. */
function lineGraph(g: Digraph): { lg: Digraph; pairFirst: number[]; pairSecond: number[] } {
  const m = g.from.length;
  const out = adjacency(g.n, g.from);
  const lf: number[] = [];
  const lt: number[] = [];
  for (let e1 = 0; e1 < m; e1++) {
    const v = g.to[e1];
    for (let i = out.offset[v]; i < out.offset[v + 1]; i++) {
      lf.push(e1);
      lt.push(out.edge[i]);
    }
  }
  const startSet = new Set(g.starts);
  const endSet = new Set(g.ends);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let e = 0; e < m; e++) {
    if (startSet.has(g.from[e])) starts.push(e);
    if (endSet.has(g.to[e])) ends.push(e);
  }
  return { lg: { n: m, from: lf, to: lt, starts, ends }, pairFirst: lf, pairSecond: lt };
}

export function generatePaths(g: Digraph, opts: GenerateOptions = {}): PathSet {
  const mode = opts.cover ?? 'edges';
  if (opts.maxSteps !== undefined && (!Number.isInteger(opts.maxSteps) || opts.maxSteps < 2)) {
    throw new Error(`--max-steps 应为不小于 2 的整数 / must be an integer of at least 2: ${opts.maxSteps}`);
  }
  const r: Reach = reach(g);
  let walks: number[][];
  let minimum: number;
  let line: ReturnType<typeof lineGraph> | undefined;
  if (mode === 'pairs') {
    line = lineGraph(g);
    // cover every pair, and every edge too (an edge straight from a start to an end has no pair)
    const res = coverWalks(line.lg, { edges: true, nodes: true });
    minimum = res.minimum;
    walks = res.walks.map((es) => (es.length ? [g.from[es[0]], ...es.map((e) => g.to[e])] : []));
  } else {
    const res = coverWalks(g, { edges: mode === 'edges', nodes: mode === 'nodes' });
    minimum = res.minimum;
    walks = res.walks;
  }
  if (opts.maxSteps !== undefined) walks = splitWalks(g, r, walks, opts.maxSteps, mode);

  // What the walks cover, and why the rest is not covered.
  const m = g.from.length;
  const edgeIndex = new Map<number, number>();
  for (let e = 0; e < m; e++) edgeIndex.set(g.from[e] * g.n + g.to[e], e);
  const edgeHit = new Uint8Array(m);
  const nodeHit = new Uint8Array(g.n);
  const pairHit = new Set<number>(); // e1 * m + e2
  for (const w of walks) {
    for (let i = 0; i < w.length; i++) {
      nodeHit[w[i]] = 1;
      if (i + 1 < w.length) edgeHit[edgeIndex.get(w[i] * g.n + w[i + 1])!] = 1;
      if (line && i + 2 < w.length) pairHit.add(edgeIndex.get(w[i] * g.n + w[i + 1])! * m + edgeIndex.get(w[i + 1] * g.n + w[i + 2])!);
    }
  }
  const otherwise = (mode2: CoverMode) => (opts.maxSteps !== undefined && mode === mode2 ? REASON.tooLong(opts.maxSteps) : REASON.notAsked(mode));
  const ok = (d: number) => d !== NO_PATH;
  const uncoveredEdges: PathSet['uncoveredEdges'] = [];
  for (let e = 0; e < m; e++) {
    if (edgeHit[e]) continue;
    const reason = reachReason(ok(r.fromStart.dist[g.from[e]]), ok(r.toEnd.dist[g.to[e]])) ?? (mode === 'pairs' ? otherwise('pairs') : otherwise('edges'));
    uncoveredEdges.push({ edge: e, reason });
  }
  const uncoveredNodes: PathSet['uncoveredNodes'] = [];
  for (let v = 0; v < g.n; v++) {
    if (nodeHit[v]) continue;
    const reason = reachReason(ok(r.fromStart.dist[v]), ok(r.toEnd.dist[v])) ?? (mode === 'edges' || mode === 'pairs' ? otherwise(mode) : otherwise('nodes'));
    uncoveredNodes.push({ node: v, reason });
  }
  const out: PathSet = { walks, minimum, uncoveredEdges, uncoveredNodes };
  if (line) {
    const { pairFirst, pairSecond } = line;
    const uncovered: NonNullable<PathSet['pairs']>['uncovered'] = [];
    for (let p = 0; p < pairFirst.length; p++) {
      const e1 = pairFirst[p];
      const e2 = pairSecond[p];
      if (pairHit.has(e1 * m + e2)) continue;
      const reason = reachReason(ok(r.fromStart.dist[g.from[e1]]), ok(r.toEnd.dist[g.to[e2]])) ?? otherwise('pairs');
      uncovered.push({ pair: [g.from[e1], g.to[e1], g.to[e2]], reason });
    }
    out.pairs = { total: pairFirst.length, covered: pairFirst.length - uncovered.length, uncovered };
  }
  return out;
}
