import 'reflect-metadata';
import { parkForPrototype, settleParked, standardContext, type HamiltonMethodDecorator } from './standard-decorators';

const DECORATORS_KEY = 'hamilton:decorators';

/** What a method decorator records: which expander to run, with what options. */
export interface DecoratorRecord {
  kind: string;
  options: unknown;
}

/**
 * Makes a method decorator that only records its intent. Legacy decorators
 * run when the class is defined; the expanders act later, when a graph is
 * built with a config, so records are plain data.
 */
/** A decorator made by recordingDecorator: it carries its record, so @resolve can use it without applying it. */
export type RecordingDecorator = HamiltonMethodDecorator & { readonly record: DecoratorRecord };

export function recordingDecorator(kind: string, options: unknown): RecordingDecorator {
  const store = (target: object, method: string | symbol): void => {
    const existing = (Reflect.getOwnMetadata(DECORATORS_KEY, target, method) as DecoratorRecord[] | undefined) ?? [];
    // Decorators apply bottom-up (in both modes); store them top-down, as written.
    Reflect.defineMetadata(DECORATORS_KEY, [{ kind, options }, ...existing], target, method);
  };
  const decorate = function record(target: unknown, method: unknown): void {
    const context = standardContext(method);
    if (context) parkForPrototype(`@${kind}`, target, context, store);
    else store(target as object, method as string | symbol);
  } as HamiltonMethodDecorator;
  return Object.assign(decorate, { record: { kind, options } });
}

const NONE: readonly DecoratorRecord[] = [];

/** The decorators written on the method, on the prototype that defines it. */
export function decoratorRecords(prototype: object, method: string): readonly DecoratorRecord[] {
  settleParked(prototype);
  return (Reflect.getOwnMetadata(DECORATORS_KEY, prototype, method) as DecoratorRecord[] | undefined) ?? NONE;
}
