// A typed column that grows as rows arrive. Given a capacity known up front (csv.ts counts
// a file's lines first), it never copies: one allocation, filled in place, returned as is.
// Without one it doubles, which briefly holds two copies — so paths beat streams for huge files.

const INITIAL_CAPACITY = 1 << 16;

type TypedConstructor<A> = new (length: number) => A;

export class GrowableArray<A extends Float64Array | Int32Array> {
  private readonly make: TypedConstructor<A>;
  private data: A;
  private size = 0;

  constructor(make: TypedConstructor<A>, capacity = INITIAL_CAPACITY) {
    this.make = make;
    this.data = new make(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }

  /** The values pushed so far. A view when it fills most of the storage, else a tight copy. */
  toArray(): A {
    const values = this.data.subarray(0, this.size) as A;
    return this.size >= this.data.length * 0.9 ? values : (values.slice() as A);
  }

  private grow(): void {
    const bigger = new this.make(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }
}
