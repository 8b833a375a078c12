/**
 * The typed driver's type-level view of a graph: which names a request may
 * name, and what each holds. `Builder.withModules(A, B)` derives it from the
 * classes: each public method is a node of its name (a `name__variant`
 * suffix dropped), holding its awaited return type. TypeScript's types carry
 * no parameter names, so inputs and the names decorators make
 * (`@parameterize` keys, extracted columns, check nodes, subdag outputs) come
 * from a declaration merged into the class — written by hand or generated:
 *
 * ```ts
 * export interface Spend extends DataflowTypes<{ inputs: { spend: Column<number> }; nodes: { 'spend.check': boolean } }> {}
 * @dataflow() export class Spend { ... }
 * ```
 *
 * While some module's inputs are undeclared, any other name is accepted too
 * (typed `unknown`), since it may be one of its inputs; once every module
 * declares its inputs, a name the graph lacks is a compile error.
 */

/** What a class may declare of itself beyond its methods. */
export interface DataflowTypeDeclaration {
  /** The graph's external inputs this class reads, by name. */
  inputs?: object;
  /** Nodes its decorators make, by name (`@parameterize` keys, extracted columns, check nodes). */
  nodes?: object;
}

/**
 * Merge into a `@dataflow()` class (`interface A extends DataflowTypes<{...}> {}`)
 * to type its inputs and decorator-made nodes. A type-only property: nothing
 * of it exists at run time, and it is no node (it is not a method).
 */
export interface DataflowTypes<D extends DataflowTypeDeclaration> {
  readonly '~hamilton'?: D;
}

/** Marks a graph some of whose inputs are undeclared: any name may be one of them. */
export interface UndeclaredInputs {
  readonly '~undeclaredInputs': true;
}

/** The wide view: every name allowed, every value `unknown` (the untyped driver, `Driver<R>`). */
export type Dynamic = Record<string, unknown>;

type InstanceOf<M> = M extends abstract new (...args: never[]) => infer I ? I : M;

type MethodKeys<T> = {
  [K in keyof T & string]: T[K] extends (...args: never[]) => unknown
    ? K extends `_${string}` | 'constructor' ? never : K
    : never;
}[keyof T & string];

/** Hamilton's `name__variant`: every variant of `name` is the node `name`. */
type BaseName<K extends string> = K extends `${infer B}__${string}` ? (B extends '' ? K : B) : K;

type MethodNodes<T> = {
  [K in MethodKeys<T> as BaseName<K>]: T[K] extends (...args: never[]) => infer Out ? Awaited<Out> : never;
};

type DeclarationOf<T> = T extends { readonly '~hamilton'?: infer D } ? NonNullable<D> : never;
type DeclaredNodes<T> = [DeclarationOf<T>] extends [never] ? unknown
  : DeclarationOf<T> extends { nodes: infer N extends object } ? N : unknown;
type DeclaredInputs<T> = [DeclarationOf<T>] extends [never] ? UndeclaredInputs
  : DeclarationOf<T> extends { inputs: infer I extends object } ? I : UndeclaredInputs;

/** A module typed only as `object` (or `any`, or a union of classes) tells nothing: its graph is dynamic. */
type IsOpaque<T> = 0 extends (1 & T) ? true : [keyof T] extends [never] ? true : false;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The nodes one module defines, by name. */
export type NodesOf<M> = IsOpaque<InstanceOf<M>> extends true ? Dynamic
  : MethodNodes<InstanceOf<M>> & DeclaredNodes<InstanceOf<M>>;

/** The inputs one module declares, or UndeclaredInputs. */
export type InputsOf<M> = IsOpaque<InstanceOf<M>> extends true ? UndeclaredInputs : DeclaredInputs<InstanceOf<M>>;

/** The nodes of several modules (a tuple or array of them). */
export type NodesOfModules<Ms extends readonly unknown[]> = Ms extends readonly [] ? unknown
  : UnionToIntersection<{ [K in keyof Ms]: NodesOf<Ms[K]> }[number]>;
export type InputsOfModules<Ms extends readonly unknown[]> = Ms extends readonly [] ? unknown
  : UnionToIntersection<{ [K in keyof Ms]: InputsOf<Ms[K]> }[number]>;

/** Flattens an intersection for readable hover text. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** The names a request may give: nodes, declared inputs and config values, or any name while inputs are undeclared. */
export type NodeName<N, I> = (keyof N & string) | (I extends UndeclaredInputs ? string & {} : Exclude<keyof I & string, '~undeclaredInputs'>);

/** What the name holds: a node's awaited return type, an input's declared type, or `unknown`. */
export type ValueOf<N, I, K> = K extends keyof N ? N[K] : K extends Exclude<keyof I, '~undeclaredInputs'> ? I[K] : unknown;

/**
 * `rawExecute(['x', 'y'])`'s result: `{ x: TypeOfX; y: TypeOfY }`. While some
 * inputs are undeclared it is also a record of any name (as the untyped
 * driver's), since a requested name may be one of them.
 */
export type OutputsOf<N, I, K extends string> = I extends UndeclaredInputs
  ? Flat<{ [P in K]: ValueOf<N, I, P> }> & Readonly<Record<string, unknown>>
  : Flat<{ [P in K]: ValueOf<N, I, P> }>;

/** What `execute` returns for a result builder's R: a RecordResult's record is typed by name, others as they are. */
export type ShapedResult<R, N, I, K extends string> = [Record<string, unknown>] extends [R]
  ? [R] extends [Record<string, unknown>] ? OutputsOf<N, I, K> : R
  : R;

type Known<I> = Omit<I, '~undeclaredInputs'>;

/**
 * What a provided value of type T may be: T, or for a column an Arrow
 * column (handed on as its array, see README "Values").
 */
type Provided<T> = T extends ArrayLike<unknown> ? T | { toArray(): unknown; readonly length: number } : T;

/**
 * `inputs`: once every module declares its inputs, typed by name (all
 * optional: config may give them; a typo is a compile error). While some are
 * undeclared, any record, values checked at run time as by the untyped driver.
 */
export type TypedInputs<I> = I extends UndeclaredInputs
  ? Readonly<Record<string, unknown>>
  : { readonly [K in keyof Known<I>]?: Provided<Known<I>[K]> };

/** `overrides`: nodes, declared inputs and config values typed by name, under the same rule as `inputs`. */
export type TypedOverrides<N, I> = I extends UndeclaredInputs
  ? Readonly<Record<string, unknown>>
  : { readonly [K in keyof (N & Known<I>)]?: Provided<(N & Known<I>)[K]> };
