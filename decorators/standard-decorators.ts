import { DecoratorArgumentError } from '../runtime/errors';

/**
 * TypeScript's two decorator modes, both supported. Legacy decorators
 * (`experimentalDecorators`) are called `(prototype, name, descriptor)`;
 * standard (TC39) decorators, the default without that option, are called
 * `(method, context)` before the class exists. hamilton-ts decorators record
 * intent on the prototype that defines the method either way: a standard
 * one parks its record here, keyed by the method function itself, and the
 * record moves onto the prototype the first time that prototype is read.
 */
export interface StandardDecoratorContext {
  kind: string;
  name: string | symbol | undefined;
  static?: boolean;
  private?: boolean;
}

/** A method decorator for both modes: TypeScript checks a use against the signature of its mode. */
export type HamiltonMethodDecorator = {
  (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor): void;
  (value: Function, context: ClassMethodDecoratorContext): void;
};

/** The context argument of a standard decorator call, or undefined for a legacy call. */
export function standardContext(second: unknown): StandardDecoratorContext | undefined {
  return typeof second === 'object' && second !== null && 'kind' in second ? second as StandardDecoratorContext : undefined;
}

interface Parked {
  method: Function;
  name: string;
  apply: (prototype: object, name: string) => void;
}

const parked: Parked[] = [];

/** Keeps a standard method decorator's effect until the prototype defining `method` is read. */
export function parkForPrototype(decorator: string, method: unknown, context: StandardDecoratorContext, apply: Parked['apply']): void {
  if (context.kind !== 'method' || typeof method !== 'function') {
    throw new DecoratorArgumentError(decorator, `decorates methods, not a ${context.kind}${typeof context.name === 'string' ? ` ('${context.name}')` : ''}`);
  }
  if (context.static || context.private || typeof context.name !== 'string') {
    throw new DecoratorArgumentError(decorator, `decorates public instance methods; '${String(context.name)}' is ${context.static ? 'static' : 'private'}`);
  }
  parked.push({ method, name: context.name, apply });
}

/** Applies, in the order they ran, the parked decorators of methods this prototype defines. */
export function settleParked(prototype: object): void {
  if (parked.length === 0) return;
  for (let i = 0; i < parked.length;) {
    const p = parked[i];
    if (Object.getOwnPropertyDescriptor(prototype, p.name)?.value === p.method) {
      parked.splice(i, 1);
      p.apply(prototype, p.name);
    } else {
      i++;
    }
  }
}
