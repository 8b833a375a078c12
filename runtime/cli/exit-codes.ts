/** What the exit status tells a CI pipeline. */
export const ExitCode = {
  /** The run finished; no `fail` check failed (`warn` failures may have). */
  ok: 0,
  /** A `fail` data-quality check failed. */
  checkFailed: 1,
  /** The run could not be made: bad arguments, unreadable files, an invalid dataflow. */
  usage: 2,
} as const;
