// An independent oracle for the path generator, sharing no code with it: reachability by
// Floyd–Warshall, and the fewest walks by Dilworth's theorem. A set of things to cover (nodes,
// edges, edge pairs) is preordered by "one walk can take x and then y"; the fewest start→end walks
// covering all of them is the fewest chains covering that preorder, which equals its largest
// antichain, found here by exhaustive search. Only for small graphs.

export interface SmallGraph {
  n: number;
  edges: [number, number][];
  starts: number[];
  ends: number[];
}

/** reach[a][b]: a walk (possibly empty) leads from a to b. */
export function closure(g: SmallGraph): boolean[][] {
  const r = Array.from({ length: g.n }, (_, i) => Array.from({ length: g.n }, (_, j) => i === j));
  for (const [a, b] of g.edges) r[a][b] = true;
  for (let k = 0; k < g.n; k++) for (let i = 0; i < g.n; i++) for (let j = 0; j < g.n; j++) if (r[i][k] && r[k][j]) r[i][j] = true;
  return r;
}

/** dist[a][b]: fewest edges from a to b (Infinity if none). */
export function distances(g: SmallGraph): number[][] {
  const d = Array.from({ length: g.n }, (_, i) => Array.from({ length: g.n }, (_, j) => (i === j ? 0 : Infinity)));
  for (const [a, b] of g.edges) if (a !== b) d[a][b] = 1;
  for (let k = 0; k < g.n; k++) for (let i = 0; i < g.n; i++) for (let j = 0; j < g.n; j++) d[i][j] = Math.min(d[i][j], d[i][k] + d[k][j]);
  return d;
}

export const fromStart = (g: SmallGraph, r: boolean[][], v: number) => g.starts.some((s) => r[s][v]);
export const toEnd = (g: SmallGraph, r: boolean[][], v: number) => g.ends.some((t) => r[v][t]);

/** Something to cover, by the node a walk enters it at and the node it leaves it at. */
export interface Item {
  entry: number;
  exit: number;
}

/** The largest set of items no walk can take two of (branch and bound over the candidates). */
export function largestAntichain(items: Item[], r: boolean[][]): number {
  const k = items.length;
  const together = (i: number, j: number) => r[items[i].exit][items[j].entry] || r[items[j].exit][items[i].entry];
  let best = 0;
  const grow = (chosen: number[], candidates: number[]) => {
    if (chosen.length + candidates.length <= best) return;
    if (!candidates.length) {
      best = Math.max(best, chosen.length);
      return;
    }
    const [first, ...rest] = candidates;
    grow([...chosen, first], rest.filter((j) => !together(first, j)));
    grow(chosen, rest);
  };
  grow([], Array.from({ length: k }, (_, i) => i));
  return best;
}

/** Fewest start→end walks covering every coverable edge. */
export function minimumForEdges(g: SmallGraph): number {
  const r = closure(g);
  const items = g.edges.filter(([a, b]) => fromStart(g, r, a) && toEnd(g, r, b)).map(([a, b]) => ({ entry: a, exit: b }));
  return largestAntichain(items, r);
}

/** Fewest start→end walks visiting every node that lies on some start→end walk. */
export function minimumForNodes(g: SmallGraph): number {
  const r = closure(g);
  const items: Item[] = [];
  for (let v = 0; v < g.n; v++) if (fromStart(g, r, v) && toEnd(g, r, v)) items.push({ entry: v, exit: v });
  return largestAntichain(items, r);
}

/** Every u→v→w of the graph. */
export function pairsOf(g: SmallGraph): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const [a, b] of g.edges) for (const [c, d] of g.edges) if (b === c) out.push([a, b, d]);
  return out;
}

/** Fewest walks (of at least one edge) covering every coverable edge and edge pair. A pair u→v→w
 *  is entered at u and left at w; the edge v→w after it needs w to reach v, or the pair itself. */
export function minimumForPairs(g: SmallGraph): number {
  const r = closure(g);
  // the order of pairs is not plain reachability (p = a→b→c, q = b→c→d share an edge), so items
  // are walks' edges: an item is entered by its first edge and left by its last, compared on edges.
  const edges = g.edges;
  const eIdx = new Map(edges.map(([a, b], i) => [`${a},${b}`, i]));
  // reachability between edges: e then f in one walk iff e = f, or to(e) reaches from(f)
  const m = edges.length;
  const er = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => i === j || r[edges[i][1]][edges[j][0]]));
  const items: Item[] = [];
  for (const [a, b] of edges) if (fromStart(g, r, a) && toEnd(g, r, b)) items.push({ entry: eIdx.get(`${a},${b}`)!, exit: eIdx.get(`${a},${b}`)! });
  for (const [a, b, c] of pairsOf(g)) if (fromStart(g, r, a) && toEnd(g, r, c)) items.push({ entry: eIdx.get(`${a},${b}`)!, exit: eIdx.get(`${b},${c}`)! });
  return largestAntichain(items, er);
}
