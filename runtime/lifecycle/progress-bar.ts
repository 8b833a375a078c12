import type { SingleBar } from 'cli-progress';
import { HamiltonError } from '../errors';
import type { FanOutEvent, LifecycleAdapter, NodeEndEvent, NodeStartEvent, RunStartEvent } from './lifecycle-adapter';

export interface ProgressBarOptions {
  /** Where the bar is drawn (default `process.stderr`); only when it is a TTY, else nothing is written. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Redraws a second, at most (default 10). */
  fps?: number;
  /** Leave the finished bar on screen (default true); false clears it. */
  keep?: boolean;
  /** The bar appears once a run has lasted this long (default 100 ms): quicker runs draw nothing, and pay nothing for a bar. */
  delayMs?: number;
}

const PROGRESS_DEFAULTS: Required<Omit<ProgressBarOptions, 'stream'>> = { fps: 10, keep: true, delayMs: 100 };

const FORMAT = '{bar} {value}/{total} nodes{items} | {duration_formatted} elapsed, {left} left | {node}';

interface FanOutProgress {
  /** The nodes run once per item, and how many. */
  names: ReadonlySet<string>;
  perItem: number;
  items: number;
  done: number;
}

/**
 * Hamilton's `ProgressBar` adapter (tqdm there, `cli-progress` here): nodes
 * done of total, fan-out items done, the node running, elapsed and remaining
 * time, on stderr, only when stderr is a terminal, once a run has lasted
 * `delayMs`. The hooks only count; a timer hands the counts to the bar at
 * most `fps` times a second, so a fast node costs a few field writes.
 */
export class ProgressBar implements LifecycleAdapter {
  readonly name = 'ProgressBar';
  private readonly options: Required<Omit<ProgressBarOptions, 'stream'>>;
  private readonly stream: NonNullable<ProgressBarOptions['stream']>;
  private bar: SingleBar | undefined;
  /** The bar made on the first draw, started again by each later run (making one costs a run more than its nodes do). */
  private made: SingleBar | undefined;
  /** Whether a run is going on (the hooks count) on a terminal. */
  private counting = false;
  private timer: NodeJS.Timeout | undefined;
  private total = 0;
  private done = 0;
  private running = '';
  private readonly fanOuts = new Map<string, FanOutProgress>();
  private dirty = false;
  private startedAt = 0;

  constructor(options: ProgressBarOptions = {}) {
    const merged = { ...PROGRESS_DEFAULTS };
    if (options.fps !== undefined) merged.fps = options.fps;
    if (options.keep !== undefined) merged.keep = options.keep;
    if (options.delayMs !== undefined) merged.delayMs = options.delayMs;
    if (!(typeof merged.delayMs === 'number' && merged.delayMs >= 0)) throw new HamiltonError(`ProgressBar: delayMs must be a number of ms from 0, got ${String(options.delayMs)}`);
    if (!(typeof merged.fps === 'number' && merged.fps > 0 && merged.fps <= 60)) throw new HamiltonError(`ProgressBar: fps must be a number from above 0 to 60, got ${String(options.fps)}`);
    if (typeof merged.keep !== 'boolean') throw new HamiltonError(`ProgressBar: keep must be true or false, got ${String(options.keep)}`);
    this.options = merged;
    this.stream = options.stream ?? process.stderr;
  }

  /** Whether runs draw: the stream is a terminal. */
  get drawing(): boolean {
    return this.stream.isTTY === true;
  }

  beforeRun(event: RunStartEvent): void {
    this.stop();
    if (!this.drawing) return;
    this.counting = true;
    this.total = event.nodes.length;
    this.done = 0;
    this.running = '';
    this.fanOuts.clear();
    this.startedAt = performance.now();
    const delay = this.options.delayMs;
    if (delay === 0) this.show();
    // The bar itself starts on the first tick past the delay: a quick run makes none.
    this.timer = setInterval(() => {
      if (!this.bar && performance.now() - this.startedAt >= delay) this.show();
      this.push();
    }, Math.min(1000 / this.options.fps, Math.max(delay, 1)));
    this.timer.unref();
  }

  private show(): void {
    this.bar = this.made ??= this.make();
    this.bar.start(this.total, this.done, this.payload());
  }

  private make(): SingleBar {
    // Loaded when a bar is first drawn: a program that never draws one does not load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SingleBar: Bar, Presets } = require('cli-progress') as typeof import('cli-progress');
    return new Bar({
      stream: this.stream as NodeJS.WritableStream,
      format: FORMAT,
      fps: this.options.fps,
      hideCursor: true,
      clearOnComplete: !this.options.keep,
      barsize: 24,
    }, Presets.shades_classic);
  }

  beforeNode(event: NodeStartEvent): void {
    if (!this.counting) return;
    this.running = event.node.name;
    this.dirty = true;
  }

  afterNode(event: NodeEndEvent): void {
    if (!this.counting) return;
    this.done++;
    if (this.fanOuts.size) {
      for (const fanOut of this.fanOuts.values()) if (fanOut.names.has(event.node.name)) fanOut.done++;
    }
    this.dirty = true;
  }

  fanOutExpanded(event: FanOutEvent): void {
    if (!this.counting) return;
    // The plan counted each per-item node once: it runs once per item.
    this.total += event.perItem.length * (event.items - 1);
    const fanOut: FanOutProgress = { names: new Set(event.perItem), perItem: event.perItem.length, items: event.items, done: 0 };
    this.fanOuts.set(event.node.name, fanOut);
    this.bar?.setTotal(this.total);
    this.dirty = true;
  }

  afterRun(): void {
    if (!this.counting) return;
    this.running = '';
    this.dirty = true;
    this.push();
    this.stop();
  }

  private push(): void {
    if (!this.bar || !this.dirty) return;
    this.dirty = false;
    this.bar.setTotal(this.total);
    this.bar.update(this.done, this.payload());
  }

  private payload(): { node: string; items: string; left: string } {
    let items = '';
    for (const fanOut of this.fanOuts.values()) {
      items += `, ${Math.floor(fanOut.done / Math.max(fanOut.perItem, 1))}/${fanOut.items} items`;
    }
    return { node: this.running, items, left: this.left() };
  }

  /** Remaining time at the pace so far: unknown (?) until a node is done. */
  private left(): string {
    if (this.done === 0) return '?';
    const seconds = Math.max(0, ((performance.now() - this.startedAt) / this.done) * (this.total - this.done)) / 1000;
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s` : `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  }

  private stop(): void {
    this.counting = false;
    clearInterval(this.timer);
    this.timer = undefined;
    this.bar?.stop();
    this.bar = undefined;
  }
}
