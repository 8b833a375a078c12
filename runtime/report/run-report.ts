import * as fs from 'fs';
import * as path from 'path';
import type { LifecycleAdapter, NodeEndEvent, RunEndEvent, RunStartEvent } from '../lifecycle/lifecycle-adapter';
import { viewToDot } from '../viz/graph-dot';
import { dotToSvg } from '../viz/render';
import { reportPage } from './report-page';
import { ReportOptionError, ReportWriteError } from './report-errors';
import { indexEntry, updateIndex, writeAtomically } from './run-index';
import { RunRecorder, type RunRecord } from './run-record';
import { statusStyle } from './status-style';

export interface RunReportOptions {
  /** Write each run's report to this .html file, replacing the last (default: none; give `path` or `dir`). */
  path?: string;
  /** Write each run's report as a new `run-<time>-<id>.html` in this directory (default: none). */
  dir?: string;
  /** Update the directory's index.html with the run (default `true`). */
  index?: boolean;
}

const REPORT_DEFAULTS = { index: true };

/** `run-2026-12-01T23-10-05-123Z-1a2b3c4d.html`: sorts by time, unique by run. */
const fileOfRun = (run: RunRecord) => `run-${run.startedAt.replace(/[:.]/g, '-')}-${run.runId.slice(0, 8)}.html`;

/**
 * The run report adapter: after each run it writes one self-contained HTML
 * page — the executed graph as SVG, nodes coloured by status and shaded by
 * duration, a panel for the node clicked (type, doc, source, duration, where
 * it ran, a digest of its value), the data-quality checks, the inputs and
 * config, and the error when the run failed — and lists the run in its
 * directory's index.html. It opens from disk, with no server and no request.
 * `new Builder().withAdapters(new RunReport({ dir: 'reports' }))`.
 */
export class RunReport implements LifecycleAdapter {
  readonly name = 'RunReport';
  private readonly options: Required<Pick<RunReportOptions, 'index'>> & RunReportOptions;
  private readonly runs = new Map<string, RunRecorder>();
  /** The last report written, for callers that want to open it. */
  lastReport?: string;

  constructor(options: RunReportOptions) {
    if (typeof options !== 'object' || options === null) throw new ReportOptionError('options', options, 'an object with `path` or `dir`');
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as RunReportOptions;
    this.options = { ...REPORT_DEFAULTS, ...given };
    const { path: file, dir } = this.options;
    if ((file === undefined) === (dir === undefined)) throw new ReportOptionError(file === undefined ? 'path' : 'dir', file ?? dir, 'exactly one of `path` (a .html file) and `dir` (a directory)');
    if (file !== undefined && (typeof file !== 'string' || !/\.html?$/i.test(file))) throw new ReportOptionError('path', file, 'a file ending .html');
    if (dir !== undefined && (typeof dir !== 'string' || dir.length === 0)) throw new ReportOptionError('dir', dir, 'a directory path');
    if (typeof this.options.index !== 'boolean') throw new ReportOptionError('index', this.options.index, 'true or false');
  }

  beforeRun(event: RunStartEvent): void {
    this.runs.set(event.runId, new RunRecorder(event));
  }

  afterNode(event: NodeEndEvent): void {
    this.runs.get(event.runId)?.nodeEnded(event);
  }

  async afterRun(event: RunEndEvent): Promise<void> {
    const recorder = this.runs.get(event.runId);
    if (!recorder) return;
    this.runs.delete(event.runId);
    const run = recorder.finish(event);
    const svg = await dotToSvg(viewToDot(recorder.view(), { style: statusStyle(run.nodes) }));
    const file = this.options.path ?? path.join(this.options.dir!, fileOfRun(run));
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      writeAtomically(file, reportPage(run, svg));
      if (this.options.index) updateIndex(path.dirname(file), indexEntry(path.basename(file), run));
    } catch (error) {
      throw new ReportWriteError(file, error);
    }
    this.lastReport = file;
  }
}
