// Walks inside one strongly connected component: a tour from entry a to exit b over a given set
// of its edges (an Euler walk of that set made balanced by repeating tree paths through a), and
// plain shortest walks. The path generator splices these into its start→end paths, which is how
// loops and self-loops end up inside a path through their node.
import { bfs, NO_PATH, type Adjacency } from './graph.js';

export interface CompView {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  out: Adjacency;
  inn: Adjacency;
  /** true for the nodes of this component */
  inComp: (v: number) => boolean;
}

/** Node sequence a → … → b along a shortest walk inside the component. */
export function shortestWalk(view: CompView, n: number, a: number, b: number): number[] {
  if (a === b) return [a];
  const { dist, via } = bfs(n, [a], view.out, view.to, view.inComp);
  if (dist[b] === NO_PATH) throw new Error(`internal: ${b} unreachable from ${a} inside its component`);
  const nodes = [b];
  for (let v = b; v !== a; ) {
    v = view.from[via[v]];
    nodes.push(v);
  }
  return nodes.reverse();
}

/** Edges of the component forming a strongly connected spanning subgraph (trees out of and into a). */
export function spanningEdges(view: CompView, n: number, a: number): number[] {
  const fwd = bfs(n, [a], view.out, view.to, view.inComp);
  const bwd = bfs(n, [a], view.inn, view.from, view.inComp);
  const set = new Set<number>();
  for (const via of [fwd.via, bwd.via]) for (let v = 0; v < n; v++) if (via[v] !== -1) set.add(via[v]);
  return [...set].sort((x, y) => x - y);
}

/**
 * A walk from a to b using every edge of `cover` at least once (all of them inside the component).
 * The multigraph cover + (b→a) is balanced by adding shortest paths from nodes short of outgoing
 * edges to nodes short of incoming ones; its Euler circuit, opened at the virtual edge b→a, is the
 * walk.
 */
export function tour(view: CompView, n: number, a: number, b: number, cover: number[]): number[] {
  const tails: number[] = [];
  const heads: number[] = [];
  const ids: number[] = []; // the graph's edge, or -1 for the virtual b→a
  const add = (e: number) => {
    tails.push(view.from[e]);
    heads.push(view.to[e]);
    ids.push(e);
  };
  for (const e of cover) add(e);
  tails.push(b);
  heads.push(a);
  ids.push(-1);

  const balance = new Map<number, number>(); // out − in
  const bump = (v: number, d: number) => balance.set(v, (balance.get(v) ?? 0) + d);
  for (let i = 0; i < tails.length; i++) {
    bump(tails[i], 1);
    bump(heads[i], -1);
  }
  // Nodes with more in than out need extra walks leaving them, nodes with more out than in extra
  // walks reaching them. Each unit of the first goes by a shortest way to the nearest node still
  // short of an incoming edge (greedy; exact would be a min-cost flow, the directed Chinese postman).
  const shortIn = new Map<number, number>(); // node → incoming edges still missing
  const shortOut: number[] = [];
  for (const [v, d] of [...balance].sort((x, y) => x[0] - y[0])) {
    if (d > 0) shortIn.set(v, d);
    else for (let k = 0; k < -d; k++) shortOut.push(v);
  }
  if (shortOut.length) {
    const seen = new Int32Array(n);
    const via = new Int32Array(n);
    const queue = new Int32Array(n);
    let stamp = 0;
    for (const v of shortOut) {
      stamp++;
      let qh = 0;
      let qt = 0;
      queue[qt++] = v;
      seen[v] = stamp;
      let found = -1;
      while (qh < qt && found === -1) {
        const u = queue[qh++];
        for (let i = view.out.offset[u]; i < view.out.offset[u + 1]; i++) {
          const e = view.out.edge[i];
          const w = view.to[e];
          if (seen[w] === stamp || !view.inComp(w)) continue;
          seen[w] = stamp;
          via[w] = e;
          if ((shortIn.get(w) ?? 0) > 0) {
            found = w;
            break;
          }
          queue[qt++] = w;
        }
      }
      if (found === -1) throw new Error('internal: tour cannot be balanced inside a component');
      shortIn.set(found, shortIn.get(found)! - 1);
      const path: number[] = [];
      for (let u = found; u !== v; u = view.from[via[u]]) path.push(via[u]);
      for (let k = path.length - 1; k >= 0; k--) add(path[k]);
    }
  }

  // Hierholzer, iterative, over the multigraph's arcs grouped by tail in insertion order.
  const byTail = new Map<number, number[]>();
  for (let i = 0; i < tails.length; i++) {
    const list = byTail.get(tails[i]);
    if (list) list.push(i);
    else byTail.set(tails[i], [i]);
  }
  const ptr = new Map<number, number>();
  const stackNode = [a];
  const stackArc = [-1];
  const circuit: number[] = [];
  while (stackNode.length) {
    const v = stackNode[stackNode.length - 1];
    const list = byTail.get(v);
    const p = ptr.get(v) ?? 0;
    if (list && p < list.length) {
      ptr.set(v, p + 1);
      stackNode.push(heads[list[p]]);
      stackArc.push(list[p]);
    } else {
      stackNode.pop();
      const arc = stackArc.pop()!;
      if (arc !== -1) circuit.push(arc);
    }
  }
  circuit.reverse();
  if (circuit.length !== tails.length) throw new Error('internal: tour multigraph is not connected');
  const k = circuit.findIndex((arc) => ids[arc] === -1);
  const open = circuit.slice(k + 1).concat(circuit.slice(0, k));
  const nodes = [a];
  for (const arc of open) nodes.push(heads[arc]);
  return nodes;
}
