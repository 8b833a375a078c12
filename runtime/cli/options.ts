import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseConfigEntry, type ConfigValues } from './parse-config';

/** What `run` and `check` both need to know: the dataflow, what to compute, and from what. */
export interface DataflowOptions {
  module: string[];
  class?: string[];
  outputs: string[];
  inputs?: string[];
  config?: ConfigValues;
  configFile?: string;
  /** `--no-progress` sets false: no progress bar, even on a terminal. */
  progress?: boolean;
  /** `--report run.html`: the run report's file. */
  report?: string;
}

/** Collects a repeatable option's values. */
export const append = (value: string, previous?: string[]): string[] => [...(previous ?? []), value];

/** A parser for a whole-number option of at least `min`, failing with `message` as commander shows it. */
export function integerArg(min: number, message: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(message);
    return n;
  };
}

function appendNames(value: string, previous?: string[]): string[] {
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected comma-separated node names, e.g. petalArea,sepalRatio');
  return [...(previous ?? []), ...names];
}

function addConfigEntry(entry: string, previous?: ConfigValues): ConfigValues {
  try {
    const [key, value] = parseConfigEntry(entry);
    return { ...previous, [key]: value };
  } catch (error) {
    // Commander reports InvalidArgumentError with the option's name, as it does its own errors.
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Adds the options that build a dataflow's graph: its modules, classes and config. */
export function addGraphOptions(command: Command): Command {
  return command
    .requiredOption('--module <file>', 'compiled dataflow module (.js); repeat for several', append)
    .option('--class <name>', 'use only this @dataflow() class of the modules; repeat for several (default: all)', append)
    .option('--config <key=value>', 'a config value (numbers and true/false are converted); repeat for several', addConfigEntry)
    .option('--config-file <file>', 'a JSON object of config values; --config entries win');
}

/** Node names, comma-separated (repeatable): what to compute or draw. */
export const outputsOption = (description: string): Option => new Option('--outputs <names>', description).argParser(appendNames);

/** Adds the options shared by every command that runs a dataflow. */
export function addDataflowOptions(command: Command): Command {
  return addGraphOptions(command)
    .addOption(outputsOption('nodes to compute, comma-separated').makeOptionMandatory())
    .option('--inputs <files...>', 'tables whose columns are inputs: .csv, .json, .arrow, .feather, .parquet')
    .option('--no-progress', 'draw no progress bar (drawn on stderr when it is a terminal)')
    .option('--report <file.html>', "write the run's report there, a self-contained HTML page, and list it in that directory's index.html");
}
