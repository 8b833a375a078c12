import 'reflect-metadata';

const DATAFLOW_KEY = 'hamilton:dataflow';
const EXCLUDED_KEY = 'hamilton:excluded';

export interface DataflowOptions {
  /** A name for the module in listings and messages (default: the class name). */
  name?: string;
}

function rejectStandardDecorators(args: unknown[], decorator: string): void {
  const context = args[1];
  if (typeof context === 'object' && context !== null && 'kind' in context) {
    throw new Error(
      `${decorator} is a TypeScript legacy decorator: set "experimentalDecorators": true in tsconfig.json `
      + '(hamilton-ts reads method decorators when the graph is built).',
    );
  }
}

/**
 * Marks a class as a dataflow module: each public method is a node, named
 * after the method, depending on the nodes or inputs its parameters name.
 */
export function dataflow(options: DataflowOptions = {}): <T extends Function>(target: T) => T {
  return function decorate<T extends Function>(target: T): T {
    // eslint-disable-next-line prefer-rest-params
    rejectStandardDecorators(Array.from(arguments), '@dataflow()');
    Reflect.defineMetadata(DATAFLOW_KEY, options, target);
    return target;
  };
}

/** Keeps a public method out of the graph (a helper the class needs but that is no node). */
export function exclude(): MethodDecorator {
  return (...args: unknown[]) => {
    rejectStandardDecorators(args, '@exclude()');
    Reflect.defineMetadata(EXCLUDED_KEY, true, args[0] as object, args[1] as string);
  };
}

export function dataflowOptions(cls: Function): DataflowOptions | undefined {
  return Reflect.getOwnMetadata(DATAFLOW_KEY, cls) as DataflowOptions | undefined;
}

/** `prototype` is the one that defines the method. */
export function isExcluded(prototype: object, method: string): boolean {
  return Reflect.getOwnMetadata(EXCLUDED_KEY, prototype, method) === true;
}
