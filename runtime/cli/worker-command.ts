import { Option, type Command } from 'commander';
import type * as Distributed from '../executors/distributed/worker';
import { loadDataflowClasses } from './load-module';
import { append, integerArg } from './options';
import { usageHint } from './report-error';
import { UsageError } from './usage-error';

interface WorkerCommandOptions {
  module?: string[];
  moduleDir?: string[];
  redis: string;
  queue: string;
  concurrency: number;
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
  verbose?: boolean;
}

const positiveInteger = integerArg(1, 'expected a whole number from 1');
const wholeNumber = integerArg(0, 'expected a whole number');

/**
 * Serves a BullMQ queue until SIGTERM or SIGINT, then lets running tasks
 * finish and exits 0. A second signal exits at once.
 */
async function workerCommand(options: WorkerCommandOptions): Promise<void> {
  // BullMQ and ioredis load only for this command, and first: without them nothing else matters.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startWorker } = require('../executors/distributed/worker') as typeof Distributed;
  const modules = options.module ?? [];
  const moduleDirs = options.moduleDir ?? [];
  if (modules.length === 0 && moduleDirs.length === 0) {
    throw new UsageError('a worker needs --module <compiled module> (repeatable) or --module-dir <directory>: it loads only the modules it is started with, never one a queued job names');
  }
  // Load through the CLI's loader first: a wrong path is a usage error with the CLI's own message.
  loadDataflowClasses(modules);
  const worker = await startWorker({
    connection: options.redis,
    queue: options.queue,
    concurrency: options.concurrency,
    modules,
    moduleDirs,
    lockDurationMs: options.lockDuration,
    stalledIntervalMs: options.stalledInterval,
    maxStalledCount: options.maxStalledCount,
    verbose: options.verbose,
  });
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`hamilton-ts worker: ${signal} again: exiting now\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`hamilton-ts worker: ${signal}: finishing running tasks, then exiting\n`);
      worker.close().then(resolve, (error: Error) => {
        process.stderr.write(`hamilton-ts worker: ${error.message}\n`);
        resolve();
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  process.stderr.write('hamilton-ts worker: stopped\n');
}

/** Adds `hamilton-ts worker` to the program. Its errors reach the program's own reporting; a clean stop exits 0. */
export function registerWorkerCommand(program: Command): Command {
  return program.command('worker')
    .description('serve a BullMQ queue: run the tasks of drivers that use BullMQExecutor, until SIGTERM or SIGINT')
    .option('--module <file>', 'compiled dataflow module (.js) to load at start; repeat for several. Jobs run only these and --module-dir\'s', append)
    .option('--module-dir <dir>', 'let jobs use the .js files under this directory too (loaded on first use); repeat for several', append)
    .requiredOption('--redis <url>', 'Redis to use: redis://[:password@]host:port[/db], rediss:// for TLS')
    .requiredOption('--queue <name>', 'the queue drivers send tasks to (BullMQExecutor\'s `queue`)')
    .addOption(new Option('--concurrency <n>', 'tasks run at once in this process').argParser(positiveInteger).default(1))
    .addOption(new Option('--lock-duration <ms>', 'BullMQ lock: a worker silent this long is taken for dead (default 30000)').argParser(positiveInteger))
    .addOption(new Option('--stalled-interval <ms>', 'how often to look for tasks whose worker died (default 30000)').argParser(positiveInteger))
    .addOption(new Option('--max-stalled-count <n>', 'recoveries of one task from dead workers before it fails (default 1)').argParser(wholeNumber))
    .option('--verbose', 'log every task\'s start and end')
    .showHelpAfterError(usageHint('worker'))
    .action(async (options: WorkerCommandOptions) => {
      await workerCommand(options);
    });
}
