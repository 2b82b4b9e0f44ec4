import cliProgress from 'cli-progress';
import type { NodeStatus } from '../admin/node-control.js';

/** Shows a drain's progress as it is polled: a bar on a terminal, plain lines otherwise (logs, CI, a preStop hook). */
export interface DrainReporter {
  update(status: NodeStatus): void;
  stop(): void;
}

/** Clients the drain is done with: moved to their successor, or closed at the deadline. */
const done = (s: NodeStatus) => s.drain.moved + s.drain.closedAtDeadline;

export function drainReporter(out: NodeJS.WriteStream): DrainReporter {
  return out.isTTY ? new BarReporter(out) : new LineReporter(out);
}

class BarReporter implements DrainReporter {
  private readonly bar: cliProgress.SingleBar;
  private started = false;

  constructor(out: NodeJS.WriteStream) {
    this.bar = new cliProgress.SingleBar(
      { stream: out, format: 'draining {node} [{bar}] {value}/{total} clients moved or closed | {remaining} open | {notified} told where to go', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
  }

  update(s: NodeStatus): void {
    const payload = { node: s.nodeId, remaining: s.drain.remaining, notified: s.drain.notified };
    if (!this.started) {
      this.bar.start(s.drain.clients, done(s), payload);
      this.started = true;
    } else {
      this.bar.setTotal(s.drain.clients);
      this.bar.update(done(s), payload);
    }
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}

/** One line per change of the counts, at most one a second (plus the first). */
class LineReporter implements DrainReporter {
  private last = '';
  private lastAt = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly minIntervalMs = 1_000,
  ) {}

  update(s: NodeStatus): void {
    const line = `draining ${s.nodeId}: ${done(s)}/${s.drain.clients} clients moved or closed, ${s.drain.remaining} open, ${s.drain.notified} told where to go`;
    const now = Date.now();
    if (line === this.last || (this.last !== '' && now - this.lastAt < this.minIntervalMs)) return;
    this.last = line;
    this.lastAt = now;
    this.out.write(line + '\n');
  }

  stop(): void {
    // Nothing to tidy: every line is complete.
  }
}
