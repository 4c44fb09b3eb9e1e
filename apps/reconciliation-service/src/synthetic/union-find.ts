/** Disjoint sets over string keys (path halving, union by size): the ground truth's deterministic groups. */
export class UnionFind {
  readonly #parent = new Map<string, string>();
  readonly #size = new Map<string, number>();

  add(key: string): void {
    if (this.#parent.has(key)) return;
    this.#parent.set(key, key);
    this.#size.set(key, 1);
  }

  find(key: string): string {
    this.add(key);
    let node = key;
    for (;;) {
      const parent = this.#parent.get(node) as string;
      if (parent === node) return node;
      const grandparent = this.#parent.get(parent) as string;
      this.#parent.set(node, grandparent);
      node = grandparent;
    }
  }

  union(a: string, b: string): void {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return;
    if ((this.#size.get(rootA) ?? 0) < (this.#size.get(rootB) ?? 0)) [rootA, rootB] = [rootB, rootA];
    this.#parent.set(rootB, rootA);
    this.#size.set(rootA, (this.#size.get(rootA) ?? 0) + (this.#size.get(rootB) ?? 0));
  }
}
