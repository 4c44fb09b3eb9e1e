/**
 * Disjoint sets over 0…n-1 with path halving and union by size: near-constant time per call, so
 * a rebuild over a million identifiers stays linear in practice.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(count: number) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i += 1) this.parent[i] = i;
  }

  find(item: number): number {
    let current = item;
    for (;;) {
      const parent = this.parent[current] as number;
      if (parent === current) return current;
      const grandparent = this.parent[parent] as number;
      this.parent[current] = grandparent;
      current = grandparent;
    }
  }

  /** Joins the sets of two roots; returns the root of the union (the larger set's). */
  unionRoots(rootA: number, rootB: number): number {
    if (rootA === rootB) return rootA;
    const [big, small] =
      (this.size[rootA] as number) >= (this.size[rootB] as number) ? [rootA, rootB] : [rootB, rootA];
    this.parent[small] = big;
    this.size[big] = (this.size[big] as number) + (this.size[small] as number);
    return big;
  }

  union(a: number, b: number): number {
    return this.unionRoots(this.find(a), this.find(b));
  }
}
