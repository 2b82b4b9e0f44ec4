/**
 * A minimal typed event emitter that runs in browsers and Node alike (no
 * EventEmitter from node:events in the browser build). A listener that
 * throws does not stop the others: its error is reported to `onListenerError`.
 */
export class Emitter<Events extends Record<string, (...args: never[]) => void>> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();
  private reporting = false;

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: Events[K]): void {
    this.listeners.get(event)?.delete(listener);
  }

  /** Whether anyone listens (callers skip building an argument nobody reads). */
  has(event: keyof Events): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (err) {
        // A listener failing while its own failure is reported (an 'error' listener that throws) is not
        // reported again: that would recurse without end.
        if (this.reporting) continue;
        this.reporting = true;
        try {
          this.onListenerError(err);
        } finally {
          this.reporting = false;
        }
      }
    }
  }
}
