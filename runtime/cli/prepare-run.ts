import { Driver } from '../driver/driver';
import type { GraphAdapter } from '../driver/graph-adapter';
import type { Inputs } from '../execution/run-values';
import { loadDataflowClasses } from './load-module';
import type { DataflowOptions } from './options';
import { readConfigFile } from './parse-config';
import { inInputFile, readInputs } from './read-inputs';
import { cliAdapters } from './cli-adapters';

export interface PreparedRun<R> {
  driver: Driver<R>;
  outputs: string[];
  inputs?: Inputs;
  /** A run's error told in the terms of the command line: an input's bad value as its file's line or row. */
  explain(error: unknown): unknown;
}

/** Loads the modules, config and input files the options name, and builds the driver over them. */
export function prepareRun<R>(options: DataflowOptions, adapter: GraphAdapter<R>, logger: { warn(message: string): void }): PreparedRun<R> {
  const modules = loadDataflowClasses(options.module, options.class);
  const config = { ...(options.configFile ? readConfigFile(options.configFile) : {}), ...options.config };
  const files = options.inputs ? readInputs(options.inputs) : undefined;
  return {
    driver: new Driver<R>(config, modules, { adapter, logger, adapters: cliAdapters(options) }),
    outputs: options.outputs,
    inputs: files?.values,
    explain: (error) => inInputFile(error, files),
  };
}
