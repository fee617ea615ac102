// A point-region quad-tree over a 2-D layout, for Barnes-Hut t-SNE (van der Maaten 2014, §4.2):
// each cell keeps its centre of mass and point count, so the repulsion of a distant cell is
// computed as one body. Nodes live in typed arrays that are reused from one iteration to the
// next (rebuilt in place), so an iteration allocates nothing.

/** Below this depth a cell is never split: coincident points share a leaf. */
const MAX_DEPTH = 48;

export class QuadTree {
  private capacity = 0;
  private size = 0;
  private cx = new Float64Array(0);
  private cy = new Float64Array(0);
  private half = new Float64Array(0);
  private comX = new Float64Array(0);
  private comY = new Float64Array(0);
  private count = new Int32Array(0);
  /** First of four children, or −1 for a leaf. */
  private child = new Int32Array(0);
  /** The point a leaf holds (−1 when empty). */
  private point = new Int32Array(0);
  private readonly stack = new Int32Array(4 * MAX_DEPTH + 8);
  private points: ArrayLike<number> = [];

  /** Rebuilds the tree over the n points of y (x, y interleaved). */
  build(y: ArrayLike<number>, n: number): void {
    this.reserve(4 * n + 8);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, y[2 * i]);
      maxX = Math.max(maxX, y[2 * i]);
      minY = Math.min(minY, y[2 * i + 1]);
      maxY = Math.max(maxY, y[2 * i + 1]);
    }
    this.size = 0;
    this.points = y;
    const h = Math.max(maxX - minX, maxY - minY) / 2 + 1e-5;
    this.node((minX + maxX) / 2, (minY + maxY) / 2, h);
    for (let i = 0; i < n; i++) this.insert(i, y[2 * i], y[2 * i + 1]);
  }

  /**
   * The repulsion on point (px, py) — Σ_j num_j²·(p − y_j) into out[0..1] — and returns
   * Σ_j num_j, num_j = (1 + d²)⁻¹, over every other point, with a cell of width w at distance
   * r taken as one body when w / r < theta (theta 0 is exact).
   */
  repulsion(px: number, py: number, theta: number, out: Float64Array): number {
    const stack = this.stack;
    const t2 = theta * theta;
    let top = 0;
    stack[top++] = 0;
    let sumQ = 0;
    let fx = 0;
    let fy = 0;
    while (top > 0) {
      const node = stack[--top];
      let cnt = this.count[node];
      if (cnt === 0) continue;
      const dx = px - this.comX[node];
      const dy = py - this.comY[node];
      const d2 = dx * dx + dy * dy;
      const leaf = this.child[node] < 0;
      const w = 2 * this.half[node];
      if (leaf || w * w < t2 * d2) {
        // In a leaf at the point itself, one of its points is the point: leave it out.
        if (leaf && d2 === 0) cnt -= 1;
        if (cnt === 0) continue;
        const num = 1 / (1 + d2);
        const q = cnt * num;
        sumQ += q;
        fx += q * num * dx;
        fy += q * num * dy;
      } else {
        const c = this.child[node];
        stack[top++] = c;
        stack[top++] = c + 1;
        stack[top++] = c + 2;
        stack[top++] = c + 3;
      }
    }
    out[0] = fx;
    out[1] = fy;
    return sumQ;
  }

  private insert(i: number, px: number, py: number): void {
    let node = 0;
    for (let depth = 0; ; depth++) {
      const cnt = ++this.count[node];
      this.comX[node] += (px - this.comX[node]) / cnt;
      this.comY[node] += (py - this.comY[node]) / cnt;
      if (this.child[node] < 0) {
        if (cnt === 1) {
          this.point[node] = i;
          return;
        }
        if (depth >= MAX_DEPTH) return; // coincident points: they share this leaf
        // Split: the point it held moves into a child, then the new one carries on down.
        const held = this.point[node];
        this.point[node] = -1;
        const h = this.half[node] / 2;
        const first = this.size;
        const x0 = this.cx[node];
        const y0 = this.cy[node];
        this.node(x0 - h, y0 - h, h);
        this.node(x0 + h, y0 - h, h);
        this.node(x0 - h, y0 + h, h);
        this.node(x0 + h, y0 + h, h);
        this.child[node] = first;
        const hx = this.points[2 * held];
        const hy = this.points[2 * held + 1];
        const c = first + this.quadrant(node, hx, hy);
        this.count[c] = 1;
        this.comX[c] = hx;
        this.comY[c] = hy;
        this.point[c] = held;
      }
      node = this.child[node] + this.quadrant(node, px, py);
    }
  }

  private quadrant(node: number, px: number, py: number): number {
    return (px > this.cx[node] ? 1 : 0) + (py > this.cy[node] ? 2 : 0);
  }

  private node(x: number, y: number, half: number): number {
    if (this.size === this.capacity) this.reserve(this.capacity * 2);
    const k = this.size++;
    this.cx[k] = x;
    this.cy[k] = y;
    this.half[k] = half;
    this.comX[k] = 0;
    this.comY[k] = 0;
    this.count[k] = 0;
    this.child[k] = -1;
    this.point[k] = -1;
    return k;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.size));
      return b;
    };
    const f = (k: number) => new Float64Array(k);
    const i = (k: number) => new Int32Array(k);
    this.cx = grow(this.cx, f);
    this.cy = grow(this.cy, f);
    this.half = grow(this.half, f);
    this.comX = grow(this.comX, f);
    this.comY = grow(this.comY, f);
    this.count = grow(this.count, i);
    this.child = grow(this.child, i);
    this.point = grow(this.point, i);
    this.capacity = capacity;
  }
}
