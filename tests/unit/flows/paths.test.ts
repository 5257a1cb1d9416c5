// The path generator on hand-built graphs (the minimum worked out in each comment), then on random
// graphs against an independent oracle (tests/unit/flows/oracle.ts: Dilworth by exhaustive search).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Digraph } from '../../../electron/core/flows/graph.js';
import { generatePaths, REASON, type GenerateOptions, type PathSet } from '../../../electron/core/flows/paths.js';
import { closure, distances, fromStart, minimumForEdges, minimumForNodes, minimumForPairs, pairsOf, toEnd, type SmallGraph } from './oracle.js';

/** Graph from named nodes: "s>a a>t" with starts and ends by name. */
function named(spec: string, starts: string[], ends: string[], extra: string[] = []) {
  const pairs = spec.split(/\s+/).filter(Boolean).map((p) => p.split('>') as [string, string]);
  const names: string[] = [];
  const id = (x: string) => (names.includes(x) ? names.indexOf(x) : names.push(x) - 1);
  const edges = pairs.map(([a, b]) => [id(a), id(b)] as [number, number]);
  for (const x of [...starts, ...ends, ...extra]) id(x);
  const g: Digraph = { n: names.length, from: edges.map((e) => e[0]), to: edges.map((e) => e[1]), starts: starts.map(id), ends: ends.map(id) };
  const run = (opts?: GenerateOptions) => {
    const res = generatePaths(g, opts);
    return { ...res, paths: res.walks.map((w) => w.map((v) => names[v]).join(' ')), edgeName: (e: number) => `${names[g.from[e]]}>${names[g.to[e]]}` };
  };
  return { g, names, run };
}

/** Every walk starts at a start, ends at an end and follows edges. */
function expectValid(g: Digraph, res: PathSet) {
  const edges = new Set(g.from.map((f, e) => `${f},${g.to[e]}`));
  for (const w of res.walks) {
    expect(g.starts).toContain(w[0]);
    expect(g.ends).toContain(w[w.length - 1]);
    for (let i = 0; i + 1 < w.length; i++) expect(edges.has(`${w[i]},${w[i + 1]}`)).toBe(true);
  }
}

describe('hand-built graphs', () => {
  it('diamond: two walks', () => {
    // s→a→t and s→b→t. No walk takes both s→a and s→b (nothing leads back to s), so at least 2;
    // s a t + s b t is 2.
    const { g, run } = named('s>a s>b a>t b>t', ['s'], ['t']);
    const r = run();
    expectValid(g, r);
    expect(r.minimum).toBe(2);
    expect(r.paths.sort()).toEqual(['s a t', 's b t']);
    expect(r.uncoveredEdges).toEqual([]);
  });

  it('loop: one walk goes round it', () => {
    // s→a→b→t with b→a back: s a b a b t takes all four edges, so 1.
    const { g, run } = named('s>a a>b b>a b>t', ['s'], ['t']);
    const r = run();
    expectValid(g, r);
    expect(r.minimum).toBe(1);
    expect(r.paths).toEqual(['s a b a b t']);
  });

  it('self-loop: spliced into the walk through its node', () => {
    // s→a, a→a, a→t: s a a t, 1 walk of 4 steps.
    const { g, run } = named('s>a a>a a>t', ['s'], ['t']);
    const r = run();
    expectValid(g, r);
    expect(r.paths).toEqual(['s a a t']);
  });

  it('two starts and two ends: two walks', () => {
    // s1→a, s2→a, a→t1, a→t2. s1→a and s2→a are on no common walk (neither start is reachable
    // again), so ≥ 2; s1 a t1 + s2 a t2 (or crossed) is 2.
    const { g, run } = named('s1>a s2>a a>t1 a>t2', ['s1', 's2'], ['t1', 't2']);
    const r = run();
    expectValid(g, r);
    expect(r.minimum).toBe(2);
    expect(r.walks).toHaveLength(2);
    const starts = r.paths.map((p) => p.split(' ')[0]).sort();
    const ends = r.paths.map((p) => p.split(' ').at(-1)).sort();
    expect(starts).toEqual(['s1', 's2']);
    expect(ends).toEqual(['t1', 't2']);
  });

  it('an end with outgoing edges is passed through', () => {
    // s→e1 (an end), e1→x, x→e2 (an end): one walk s e1 x e2 covers all three; stopping at e1
    // would need a second walk for e1→x→e2.
    const { g, run } = named('s>e1 e1>x x>e2', ['s'], ['e1', 'e2']);
    const r = run();
    expectValid(g, r);
    expect(r.paths).toEqual(['s e1 x e2']);
  });

  it('an unreachable island and a dead end are listed with their reasons, never dropped', () => {
    // covered: s→t (1 walk). p→q: no start reaches p (q is an end). s→d: d leads to no end.
    // i→j→i: neither.
    const { run, names } = named('s>t p>q s>d i>j j>i', ['s'], ['t', 'q']);
    const r = run();
    expect(r.paths).toEqual(['s t']);
    const why = Object.fromEntries(r.uncoveredEdges.map((u) => [r.edgeName(u.edge), u.reason]));
    expect(why).toEqual({ 'p>q': REASON.noStart, 's>d': REASON.noEnd, 'i>j': REASON.both, 'j>i': REASON.both });
    // nodes: p and q (no start reaches either; q is an end), d (no end after it), i and j (neither)
    const nodes = Object.fromEntries(r.uncoveredNodes.map((u) => [names[u.node], u.reason]));
    expect(nodes).toEqual({ p: REASON.noStart, q: REASON.noStart, d: REASON.noEnd, i: REASON.both, j: REASON.both });
  });

  it('a path through a loop component enters and leaves by different nodes', () => {
    // s→a, a⇄b, b→t, a→u, u→t. Edges s→a (1), a→b, b→a (in the loop), b→t, a→u, u→t. b→t and
    // a→u are on no common walk? a→u: u leads only to t, never back to b, and b→t ends at t which
    // has no edge; so {b→t, a→u} is an antichain: 2 walks.
    const { g, run } = named('s>a a>b b>a b>t a>u u>t', ['s'], ['t']);
    const r = run();
    expectValid(g, r);
    expect(r.minimum).toBe(2);
    expect(r.walks).toHaveLength(2);
    expect(r.uncoveredEdges).toEqual([]);
  });

  it('nodes coverage needs fewer walks than edges on a diamond with a shortcut', () => {
    // s→a→t, s→t. Edges: s→a and s→t are on no common walk → 2 walks; nodes: s a t is 1 walk.
    const { g, run } = named('s>a a>t s>t', ['s'], ['t']);
    expect(run().walks).toHaveLength(2);
    const r = run({ cover: 'nodes' });
    expectValid(g, r);
    expect(r.paths).toEqual(['s a t']);
    expect(r.uncoveredEdges.map((u) => u.reason)).toEqual([REASON.notAsked('nodes')]);
  });

  it('edge pairs: every way through the middle node', () => {
    // s1→m, s2→m, m→t1, m→t2: the pairs are the 4 combinations s?→m→t?, no two on one walk
    // (a walk passes m once: nothing leads back to it), so 4 walks.
    const { g, run } = named('s1>m s2>m m>t1 m>t2', ['s1', 's2'], ['t1', 't2']);
    const r = run({ cover: 'pairs' });
    expectValid(g, r);
    expect(r.paths.sort()).toEqual(['s1 m t1', 's1 m t2', 's2 m t1', 's2 m t2']);
    expect(r.pairs).toEqual({ total: 4, covered: 4, uncovered: [] });
  });

  it('--max-steps cuts a long walk into walks of at most K nodes, each from a start to an end', () => {
    // s→a→b→c→t with an end at b and a start at b: one walk s a b c t (5 nodes). K = 3: s a b,
    // then b c t (b is a start) — the two windows overlap at b, so a→b and b→c are both covered.
    const { g, run } = named('s>a a>b b>c c>t', ['s', 'b'], ['t', 'b']);
    expect(run().paths).toEqual(['s a b c t']);
    const r = run({ maxSteps: 3 });
    expectValid(g, r);
    expect(r.paths).toEqual(['s a b', 'b c t']);
    expect(r.uncoveredEdges).toEqual([]);
  });

  it('--max-steps reports an edge no walk of K nodes can take', () => {
    // s→a→b→t and s→t: a→b needs s a b t, 4 nodes; with K = 3 only s→t fits.
    const { run } = named('s>a a>b b>t s>t', ['s'], ['t']);
    const r = run({ maxSteps: 3 });
    expect(r.paths).toEqual(['s t']);
    expect(r.uncoveredEdges.map((u) => [r.edgeName(u.edge), u.reason])).toEqual([
      ['s>a', REASON.tooLong(3)],
      ['a>b', REASON.tooLong(3)],
      ['b>t', REASON.tooLong(3)],
    ]);
  });

  it('the same graph gives the same walks', () => {
    const { g } = named('s>a s>b a>c b>c c>a c>t b>b a>t', ['s'], ['t']);
    expect(generatePaths(g)).toEqual(generatePaths(structuredClone(g)));
  });
});

// ── properties on random graphs ───────────────────────────────────────────────────────────────

const smallGraph = fc
  .integer({ min: 2, max: 7 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 13, selector: ([a, b]) => `${a},${b}` }),
      starts: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 2 }),
      ends: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
    }),
  );

const toDigraph = (s: SmallGraph): Digraph => ({ n: s.n, from: s.edges.map((e) => e[0]), to: s.edges.map((e) => e[1]), starts: s.starts, ends: s.ends });

function walkEdges(walks: number[][]): Set<string> {
  const out = new Set<string>();
  for (const w of walks) for (let i = 0; i + 1 < w.length; i++) out.add(`${w[i]},${w[i + 1]}`);
  return out;
}

describe('random graphs against the oracle', () => {
  it('edges: walks are valid, cover exactly the coverable edges, and are as few as the largest antichain', () => {
    fc.assert(
      fc.property(smallGraph, (s) => {
        const g = toDigraph(s);
        const res = generatePaths(g);
        expectValid(g, res);
        const r = closure(s);
        const coverable = s.edges.filter(([a, b]) => fromStart(s, r, a) && toEnd(s, r, b)).map(([a, b]) => `${a},${b}`);
        expect([...walkEdges(res.walks)].sort()).toEqual(coverable.sort());
        expect(res.uncoveredEdges).toHaveLength(s.edges.length - coverable.length);
        const min = minimumForEdges(s);
        expect(res.minimum).toBe(min);
        expect(res.walks).toHaveLength(min);
      }),
      { numRuns: 400 },
    );
  });

  it('nodes: every node on a start→end walk is visited, by the fewest walks', () => {
    fc.assert(
      fc.property(smallGraph, (s) => {
        const g = toDigraph(s);
        const res = generatePaths(g, { cover: 'nodes' });
        expectValid(g, res);
        const r = closure(s);
        const want = Array.from({ length: s.n }, (_, v) => v).filter((v) => fromStart(s, r, v) && toEnd(s, r, v));
        expect([...new Set(res.walks.flat())].sort()).toEqual(want.sort());
        expect(res.walks).toHaveLength(minimumForNodes(s));
      }),
      { numRuns: 300 },
    );
  });

  it('pairs: every pair and edge on a start→end walk is taken, by the fewest walks', () => {
    fc.assert(
      fc.property(smallGraph, (s) => {
        const g = toDigraph(s);
        const res = generatePaths(g, { cover: 'pairs' });
        expectValid(g, res);
        const r = closure(s);
        const taken = new Set<string>();
        for (const w of res.walks) for (let i = 0; i + 2 < w.length; i++) taken.add(`${w[i]},${w[i + 1]},${w[i + 2]}`);
        const want = pairsOf(s).filter(([a, , c]) => fromStart(s, r, a) && toEnd(s, r, c)).map((p) => p.join(','));
        expect([...taken].sort()).toEqual([...new Set(want)].sort());
        expect(res.walks).toHaveLength(minimumForPairs(s));
      }),
      { numRuns: 200 },
    );
  });

  it('--max-steps K: no walk is longer, and an edge is left out only if no walk of K nodes can take it', () => {
    fc.assert(
      fc.property(smallGraph, fc.integer({ min: 2, max: 6 }), (s, k) => {
        const g = toDigraph(s);
        const res = generatePaths(g, { maxSteps: k });
        expectValid(g, res);
        for (const w of res.walks) expect(w.length).toBeLessThanOrEqual(k);
        const r = closure(s);
        const d = distances(s);
        const taken = walkEdges(res.walks);
        for (const [a, b] of s.edges) {
          if (!fromStart(s, r, a) || !toEnd(s, r, b)) continue;
          // the shortest walk through a→b: nearest start to a, the edge, b to the nearest end
          const shortest = Math.min(...s.starts.map((x) => d[x][a])) + 1 + Math.min(...s.ends.map((t) => d[b][t])) + 1;
          expect(taken.has(`${a},${b}`)).toBe(shortest <= k);
        }
      }),
      { numRuns: 300 },
    );
  });
});
