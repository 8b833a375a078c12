import type { LifecycleAdapter } from '../lifecycle/lifecycle-adapter';
import { ProgressBar } from '../lifecycle/progress-bar';
import type { DataflowOptions } from './options';

/**
 * The lifecycle adapters a command's options ask for: the progress bar on
 * stderr when it is a terminal, unless `--no-progress`.
 */
export function cliAdapters(options: Pick<DataflowOptions, 'progress'>, stderr: ProgressBarStream = process.stderr): LifecycleAdapter[] {
  const adapters: LifecycleAdapter[] = [];
  if (options.progress !== false && stderr.isTTY === true) adapters.push(new ProgressBar({ stream: stderr }));
  return adapters;
}

type ProgressBarStream = NonNullable<ConstructorParameters<typeof ProgressBar>[0]>['stream'] & object;
