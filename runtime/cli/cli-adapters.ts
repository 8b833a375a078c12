import type { LifecycleAdapter } from '../lifecycle/lifecycle-adapter';
import { ProgressBar } from '../lifecycle/progress-bar';
import { RunReport } from '../report/run-report';
import type { DataflowOptions } from './options';

/**
 * The lifecycle adapters a command's options ask for: the progress bar on
 * stderr when it is a terminal, unless `--no-progress`; the run report with `--report`.
 */
export function cliAdapters(options: Pick<DataflowOptions, 'progress' | 'report'>, stderr: ProgressBarStream = process.stderr): LifecycleAdapter[] {
  const adapters: LifecycleAdapter[] = [];
  // From the start (delayMs 0): a command's one run is worth a bar however quick it is.
  if (options.progress !== false && stderr.isTTY === true) adapters.push(new ProgressBar({ stream: stderr, delayMs: 0 }));
  if (options.report !== undefined) adapters.push(new RunReport({ path: options.report }));
  return adapters;
}

type ProgressBarStream = NonNullable<ConstructorParameters<typeof ProgressBar>[0]>['stream'] & object;
