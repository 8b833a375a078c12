import { InvalidArgumentError, Option, type Command } from 'commander';
import { SimpleGraphAdapter } from '../driver/graph-adapter';
import { formatLocation } from '../graph/node';
import type { Variable } from '../graph/variable';
import type { TagFilter } from '../graph/tag-filter';
import { ExitCode } from './exit-codes';
import { addGraphOptions, type DataflowOptions } from './options';
import { prepareRun } from './prepare-run';
import { usageHint } from './report-error';

interface ListOptions extends Omit<DataflowOptions, 'outputs' | 'inputs'> {
  tag?: Record<string, string | true>;
  format: 'table' | 'json';
}

/** `--tag key=value` selects nodes whose tag has that value; `--tag key` those that have the tag at all. */
function addTagFilter(entry: string, previous?: Record<string, string | true>): Record<string, string | true> {
  const at = entry.indexOf('=');
  const key = (at < 0 ? entry : entry.slice(0, at)).trim();
  if (!key) throw new InvalidArgumentError(`expected key=value or key, got '${entry}'`);
  return { ...previous, [key]: at < 0 ? true : entry.slice(at + 1) };
}

const tagText = (tags: Variable['tags']): string => Object.entries(tags).map(([k, v]) => `${k}=${typeof v === 'string' ? v : v.join('|')}`).join(', ');

/** Where a variable comes from: a node's file and line, or that it is an input. */
const origin = (v: Variable): string => (v.isExternalInput ? (v.optional ? 'input (optional)' : 'input') : formatLocation(v.source));

/** Columns padded to their widest cell; the last (the doc) is left ragged. */
function columns(rows: readonly string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

/** `hamilton-ts list`: every node and input with its type, doc, tags and source location (Hamilton's `list_available_variables`). */
export async function listCommand(options: ListOptions): Promise<number> {
  const { driver } = prepareRun({ ...options, outputs: [] }, new SimpleGraphAdapter(), console);
  const variables = driver.listAvailableVariables(options.tag ? { tags: options.tag as TagFilter } : {});
  if (options.format === 'json') {
    const rows = variables.map(({ typeDescriptor: _, origin: __, ...v }) => ({ ...v, source: v.source ?? null }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  const doc = (v: Variable) => v.doc.replace(/\s+/g, ' ');
  process.stdout.write(`${columns([['name', 'type', 'source', 'tags', 'doc'], ...variables.map((v) => [v.name, v.type, origin(v), tagText(v.tags), doc(v)])])}\n`);
  return ExitCode.ok;
}

/** Adds `hamilton-ts list` to the program. */
export function registerListCommand(program: Command, action: (options: ListOptions) => Promise<void>): Command {
  return addGraphOptions(program.command('list').description('list every node and input: type, doc, tags, source location'))
    .option('--tag <key=value>', 'only nodes with this tag value (or, as `--tag key`, with the tag at all); repeat for several', addTagFilter)
    .addOption(new Option('--format <format>', 'how to print the list').choices(['table', 'json']).default('table'))
    .showHelpAfterError(usageHint('list'))
    .action(action);
}
