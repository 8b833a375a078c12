import 'reflect-metadata';

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
export type RecordingDecorator = MethodDecorator & { readonly record: DecoratorRecord };

export function recordingDecorator(kind: string, options: unknown): RecordingDecorator {
  const decorate = function record(target: object, method: string | symbol): void {
    // eslint-disable-next-line prefer-rest-params
    const context = arguments[1] as unknown;
    if (typeof context === 'object' && context !== null && 'kind' in context) {
      throw new Error(`@${kind} is a TypeScript legacy decorator: set "experimentalDecorators": true in tsconfig.json.`);
    }
    const existing = (Reflect.getOwnMetadata(DECORATORS_KEY, target, method) as DecoratorRecord[] | undefined) ?? [];
    // Legacy decorators apply bottom-up; store them top-down, as written.
    Reflect.defineMetadata(DECORATORS_KEY, [{ kind, options }, ...existing], target, method);
  };
  return Object.assign(decorate, { record: { kind, options } });
}

const NONE: readonly DecoratorRecord[] = [];

/** The decorators written on the method, on the prototype that defines it. */
export function decoratorRecords(prototype: object, method: string): readonly DecoratorRecord[] {
  return (Reflect.getOwnMetadata(DECORATORS_KEY, prototype, method) as DecoratorRecord[] | undefined) ?? NONE;
}
