import { HamiltonError } from '../errors';

/**
 * A problem with what was asked on the command line (an argument, a file, a
 * module): reported as its message and a usage hint, never as a stack trace.
 */
export class UsageError extends HamiltonError {}
