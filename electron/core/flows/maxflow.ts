// Dinic's max-flow on an arc list held in typed arrays. The path generator's networks have
// ~10k nodes and ~30k arcs with "infinite" capacities and small flow values; level graphs plus
// current-arc pointers keep each phase linear, and the augmenting walk is iterative so a long
// chain of strongly connected components cannot overflow the call stack.

/** Large enough never to bind (flows here are at most the number of edges of a model). */
export const INF = 1 << 30;

export class FlowNetwork {
  readonly n: number;
  private head: Int32Array;
  private nxt: Int32Array;
  private dst: Int32Array;
  /** residual capacity of each arc; arc ^ 1 is its reverse */
  cap: Int32Array;
  private m = 0;

  constructor(n: number, arcHint = 16) {
    this.n = n;
    this.head = new Int32Array(n).fill(-1);
    this.nxt = new Int32Array(arcHint * 2);
    this.dst = new Int32Array(arcHint * 2);
    this.cap = new Int32Array(arcHint * 2);
  }

  private grow(): void {
    const size = this.nxt.length * 2;
    const g = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.nxt = g(this.nxt);
    this.dst = g(this.dst);
    this.cap = g(this.cap);
  }

  /** Adds u→v with capacity c (and its reverse with 0); returns the arc's index. */
  addArc(u: number, v: number, c: number): number {
    if (this.m + 2 > this.nxt.length) this.grow();
    const a = this.m;
    this.dst[a] = v;
    this.cap[a] = c;
    this.nxt[a] = this.head[u];
    this.head[u] = a;
    this.dst[a + 1] = u;
    this.cap[a + 1] = 0;
    this.nxt[a + 1] = this.head[v];
    this.head[v] = a + 1;
    this.m += 2;
    return a;
  }

  /** Removes an arc from further use, keeping whatever it carries now. */
  freeze(a: number): void {
    this.cap[a] = 0;
    this.cap[a ^ 1] = 0;
  }

  /** Pushes as much as possible from s to t through the residual network; returns the amount. */
  maxFlow(s: number, t: number): number {
    const n = this.n;
    const level = new Int32Array(n);
    const it = new Int32Array(n);
    const queue = new Int32Array(n);
    const stackNode = new Int32Array(n);
    const stackArc = new Int32Array(n);
    const { head, nxt, dst, cap } = this;
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        for (let a = head[u]; a !== -1; a = nxt[a]) {
          const v = dst[a];
          if (cap[a] > 0 && level[v] < 0) {
            level[v] = level[u] + 1;
            queue[qt++] = v;
          }
        }
      }
      if (level[t] < 0) return total;
      it.set(head);
      // Find augmenting paths in the level graph one at a time, retreating over dead ends.
      for (;;) {
        let depth = 0;
        stackNode[0] = s;
        let found = false;
        while (depth >= 0) {
          const u = stackNode[depth];
          if (u === t) {
            found = true;
            break;
          }
          let a = it[u];
          while (a !== -1 && !(cap[a] > 0 && level[dst[a]] === level[u] + 1)) a = nxt[a];
          it[u] = a;
          if (a === -1) {
            level[u] = -1; // dead end for the rest of this phase
            depth--;
            if (depth >= 0) it[stackNode[depth]] = nxt[stackArc[depth]];
            continue;
          }
          stackArc[depth] = a;
          stackNode[++depth] = dst[a];
        }
        if (!found) break;
        let push = INF;
        for (let i = 0; i < depth; i++) push = Math.min(push, cap[stackArc[i]]);
        for (let i = 0; i < depth; i++) {
          cap[stackArc[i]] -= push;
          cap[stackArc[i] ^ 1] += push;
        }
        total += push;
      }
    }
  }
}
