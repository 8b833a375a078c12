import { parentPort, threadId } from 'node:worker_threads';
import type { Piscina } from 'piscina';

/** The key of the message a worker posts once its modules are loaded. */
const THREAD_READY = 'hamiltonThreadReady';

/** Worker side, once its imports have run: from now on the thread may be terminated safely. */
export function announceReady(): void {
  parentPort?.postMessage({ [THREAD_READY]: threadId });
}

/**
 * Which of a pool's threads have finished loading their modules. Node 20
 * aborts the whole process (V8 fatal error `Module::IsGraphAsync`, exit 134)
 * when a worker is terminated while it synchronously requires an ES module,
 * as every worker does with arquero while it starts: so close() waits for
 * each started thread to announce it is past that before ending the pool.
 */
export class ThreadReadiness {
  private readonly ready = new Set<number>();
  private wake?: () => void;

  constructor(private readonly pool: Piscina) {
    pool.on('message', (message: unknown) => {
      const id = (message as Record<string, unknown> | null)?.[THREAD_READY];
      if (typeof id !== 'number') return;
      this.ready.add(id);
      this.wake?.();
    });
  }

  /** Resolves once every live thread of the pool is ready (a thread that died no longer counts), or after `boundMs`. */
  async settled(boundMs: number): Promise<void> {
    const deadline = Date.now() + boundMs;
    for (;;) {
      const loading = this.pool.threads.some((thread) => thread.threadId >= 0 && !this.ready.has(thread.threadId));
      const left = deadline - Date.now();
      if (!loading || left <= 0) return;
      // Woken by a ready message, or polled: a thread may die, or be replaced, before it is ready.
      // The timer is not unref'd: it keeps the process alive until close() is done.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
