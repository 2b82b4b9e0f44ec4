/** A fixed-capacity FIFO: pushing onto a full ring drops the oldest item. No Array.shift. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Drops the oldest item, if any. */
  dropFirst(): void {
    if (this.count === 0) return;
    this.items[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
  }

  /** The i-th oldest item (0 = oldest). */
  at(i: number): T {
    return this.items[(this.start + i) % this.capacity] as T;
  }

  first(): T | undefined {
    return this.count === 0 ? undefined : this.at(0);
  }

  last(): T | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
