import { Option, type Command } from 'commander';
import { SimpleGraphAdapter } from '../driver/graph-adapter';
import { drawPicture } from '../viz/draw-picture';
import { viewOf } from '../viz/graph-view';
import { ORIENTATIONS, resolvePicture, type Orientation, type PictureOptions } from '../viz/picture-options';
import { ExitCode } from './exit-codes';
import { byExtension } from './files';
import { addGraphOptions, outputsOption, type DataflowOptions } from './options';
import { prepareRun } from './prepare-run';
import { usageHint } from './report-error';

interface ViewOptions extends Omit<DataflowOptions, 'outputs'> {
  outputs?: string[];
  out: string;
  orientation: Orientation;
  hideInputs?: boolean;
  legend: boolean;
}

const PICTURE_FILES = { '.svg': 'SVG', '.png': 'PNG', '.dot': 'DOT', '.gv': 'DOT', '.mmd': 'Mermaid', '.mermaid': 'Mermaid' };

/**
 * `hamilton-ts view`: draws the graph to --out. With --outputs, only what they
 * need; with --inputs too, only what that run would compute and read
 * (Hamilton's `visualize_execution`).
 */
export async function viewCommand(options: ViewOptions): Promise<number> {
  // The extension first: a wrong one is reported before any module loads.
  const kind = byExtension(options.out, 'picture file', PICTURE_FILES);
  const { driver, outputs, inputs, explain } = prepareRun({ ...options, outputs: options.outputs ?? [] }, new SimpleGraphAdapter(), console);
  const target: PictureOptions = { path: options.out, orientation: options.orientation, hideInputs: options.hideInputs ?? false, legend: options.legend };
  if (outputs.length === 0) {
    await driver.visualize(target);
  } else if (inputs) {
    await driver.visualizeExecution(outputs, { inputs }, target).catch((error: unknown) => {
      throw explain(error);
    });
  } else {
    await drawPicture(viewOf(driver.graph, driver.graph.upstreamOf(outputs), { outputs }), resolvePicture('view', target));
  }
  process.stdout.write(`wrote ${kind === 'SVG' ? 'an' : 'a'} ${kind} picture of ${outputs.length ? `what ${outputs.join(', ')} need${outputs.length === 1 ? 's' : ''}` : 'the whole graph'} to ${options.out}\n`);
  return ExitCode.ok;
}

/** Adds `hamilton-ts view` to the program. */
export function registerViewCommand(program: Command, action: (options: ViewOptions) => Promise<void>): Command {
  return addGraphOptions(program.command('view').description('draw the graph (or what --outputs need) as SVG, PNG, Graphviz DOT or Mermaid'))
    .addOption(outputsOption('draw only these nodes and what they need, comma-separated'))
    .option('--inputs <files...>', 'with --outputs: draw only what a run on these tables would compute and read')
    .requiredOption('--out <file>', 'the picture file: .svg, .png, .dot or .mmd')
    .addOption(new Option('--orientation <dir>', 'which way dependencies flow').choices(ORIENTATIONS).default('LR'))
    .option('--hide-inputs', 'leave out inputs and config values')
    .option('--no-legend', 'draw no legend')
    .showHelpAfterError(usageHint('view'))
    .action(action);
}
