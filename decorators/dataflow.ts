import 'reflect-metadata';
import { parkForPrototype, settleParked, standardContext, type HamiltonMethodDecorator } from './standard-decorators';

const DATAFLOW_KEY = 'hamilton:dataflow';
const EXCLUDED_KEY = 'hamilton:excluded';

export interface DataflowOptions {
  /** A name for the module in listings and messages (default: the class name). */
  name?: string;
}

/**
 * Marks a class as a dataflow module: each public method is a node, named
 * after the method, depending on the nodes or inputs its parameters name.
 */
export function dataflow(options: DataflowOptions = {}): <T extends Function>(target: T, context?: ClassDecoratorContext) => T {
  // The same in both decorator modes: a standard class decorator gets the class as its first argument too.
  return function decorate<T extends Function>(target: T): T {
    Reflect.defineMetadata(DATAFLOW_KEY, options, target);
    return target;
  };
}

/** Keeps a public method out of the graph (a helper the class needs but that is no node). */
export function exclude(): HamiltonMethodDecorator {
  const mark = (prototype: object, method: string | symbol) => Reflect.defineMetadata(EXCLUDED_KEY, true, prototype, method);
  return ((target: unknown, method: unknown) => {
    const context = standardContext(method);
    if (context) parkForPrototype('@exclude()', target, context, mark);
    else mark(target as object, method as string | symbol);
  }) as HamiltonMethodDecorator;
}

export function dataflowOptions(cls: Function): DataflowOptions | undefined {
  return Reflect.getOwnMetadata(DATAFLOW_KEY, cls) as DataflowOptions | undefined;
}

/** `prototype` is the one that defines the method. */
export function isExcluded(prototype: object, method: string): boolean {
  settleParked(prototype);
  return Reflect.getOwnMetadata(EXCLUDED_KEY, prototype, method) === true;
}
