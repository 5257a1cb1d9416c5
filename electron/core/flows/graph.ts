// A directed graph over node indices 0..n-1 with indexed edges, in compressed adjacency arrays:
// the path generator, the max-steps splitter and the benchmark baselines all walk it.

export interface Digraph {
  n: number;
  /** edge i runs from[i] → to[i]; no two edges are equal (self-loops allowed) */
  from: number[];
  to: number[];
  starts: number[];
  ends: number[];
}

/** Edge indices leaving (or entering) each node, in edge order: the order makes results stable. */
export interface Adjacency {
  offset: Int32Array;
  edge: Int32Array;
}

export function adjacency(n: number, tail: ArrayLike<number>, keep?: (e: number) => boolean): Adjacency {
  const offset = new Int32Array(n + 1);
  const m = tail.length;
  for (let e = 0; e < m; e++) if (!keep || keep(e)) offset[tail[e] + 1]++;
  for (let v = 0; v < n; v++) offset[v + 1] += offset[v];
  const fill = offset.slice(0, n);
  const edge = new Int32Array(offset[n]);
  for (let e = 0; e < m; e++) if (!keep || keep(e)) edge[fill[tail[e]]++] = e;
  return { offset, edge };
}

export const NO_PATH = -1;

/**
 * Multi-source breadth-first search: dist[v] (NO_PATH if unreached) and via[v], the edge by which
 * v was first reached (-1 at a source). `head` maps an edge to the node it leads to.
 */
export function bfs(
  n: number,
  sources: Iterable<number>,
  adj: Adjacency,
  head: ArrayLike<number>,
  allow?: (v: number) => boolean,
): { dist: Int32Array; via: Int32Array } {
  const dist = new Int32Array(n).fill(NO_PATH);
  const via = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let qh = 0;
  let qt = 0;
  for (const s of sources) {
    if (dist[s] !== NO_PATH || (allow && !allow(s))) continue;
    dist[s] = 0;
    queue[qt++] = s;
  }
  while (qh < qt) {
    const u = queue[qh++];
    for (let i = adj.offset[u]; i < adj.offset[u + 1]; i++) {
      const e = adj.edge[i];
      const v = head[e];
      if (dist[v] !== NO_PATH || (allow && !allow(v))) continue;
      dist[v] = dist[u] + 1;
      via[v] = e;
      queue[qt++] = v;
    }
  }
  return { dist, via };
}

/**
 * Strongly connected components (Tarjan, iterative). Components are numbered in reverse
 * topological order: every edge between two components runs from a higher number to a lower.
 */
export function scc(n: number, out: Adjacency, to: ArrayLike<number>, include: (v: number) => boolean): { comp: Int32Array; count: number } {
  const comp = new Int32Array(n).fill(-1);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callPos = new Int32Array(n);
  let sp = 0;
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || !include(root)) continue;
    let depth = 0;
    callNode[0] = root;
    callPos[0] = out.offset[root];
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const u = callNode[depth];
      if (callPos[depth] < out.offset[u + 1]) {
        const v = to[out.edge[callPos[depth]++]];
        if (!include(v)) continue;
        if (index[v] === -1) {
          index[v] = low[v] = next++;
          stack[sp++] = v;
          onStack[v] = 1;
          depth++;
          callNode[depth] = v;
          callPos[depth] = out.offset[v];
        } else if (onStack[v] && index[v] < low[u]) low[u] = index[v];
        continue;
      }
      if (low[u] === index[u]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== u);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const p = callNode[depth];
        if (low[u] < low[p]) low[p] = low[u];
      }
    }
  }
  return { comp, count };
}
