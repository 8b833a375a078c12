import { dataflowOptions, isExcluded } from '../../decorators/dataflow';
import { decoratorRecords, type DecoratorRecord } from '../../decorators/decorator-record';
import { ModuleDefinitionError } from '../errors';
import { RESERVED_NAME, reservedNameMessage, type Dependency, type Node, type NodeOrigin } from './node';
import { CLASS_METADATA_KEY, METADATA_VERSION, type MethodMetadata } from '../contract/node-metadata';
import { classMetadataOf, methodMetadataOf } from '../codegen/metadata-lookup';
import { recoverParameters, unsupportedParameterMessage, UnsupportedParameterError } from './parameter-recovery';
import { transformerSetupHint } from './transformer-hint';
import { UNKNOWN } from '../contract/type-descriptor';
import type { Materializer } from '../materialize/materializer';

/** A `@dataflow()` class (constructed with no arguments) or an instance of one. */
export type DataflowModule = (abstract new (...args: never[]) => object) | object;

export interface ModuleLoadOptions {
  /** Refuse classes compiled without the transformer instead of recovering names from source. */
  requireTransformer?: boolean;
  /**
   * A later module's node replaces an earlier module's node of the same name
   * (Hamilton's `allow_module_overrides`); within one module a name defined
   * twice is still a DuplicateNodeError. Default false.
   */
  allowModuleOverrides?: boolean;
  /** Loaders and savers added as nodes (`from.…`, `to.…`: Hamilton's `with_materializers`); see runtime/materialize/. */
  materializers?: readonly Materializer[];
}

const warnedClasses = new WeakSet<Function>();

/**
 * The method each node origin was read from. Decorators copy a node's origin
 * object into every node it becomes, so all of them find the method; kept
 * off the origin itself, which listings hand out and callers may clone.
 */
const methodsByOrigin = new WeakMap<NodeOrigin, Function>();

/** The (unbound) method a node came from, for code versions; undefined for origins made elsewhere. */
export function methodOfOrigin(origin: NodeOrigin): Function | undefined {
  return methodsByOrigin.get(origin);
}

/** What a node's code version is made of (runtime/cache/code-version.ts): the stamped version, the decorators' arguments. */
export interface OriginCode {
  readonly codeVersion?: string;
  readonly records: readonly DecoratorRecord[];
  /** The decorators `@resolve` made from this graph's config: the values they bind are the nodes' code too. */
  resolved?: readonly DecoratorRecord[];
}
const codeByOrigin = new WeakMap<NodeOrigin, OriginCode>();

/** The stamped code version and decorator records of the method a node came from; undefined for origins made elsewhere. */
export function codeOfOrigin(origin: NodeOrigin): OriginCode | undefined {
  return codeByOrigin.get(origin);
}

/** Notes what the method's `@resolve` decorators made when its graph was built (each build has origins of its own). */
export function noteResolvedDecorators(origin: NodeOrigin, resolved: readonly DecoratorRecord[]): void {
  const code = codeByOrigin.get(origin);
  if (code) code.resolved = resolved;
}

/** A method's plain node, with the decorators that will expand it. */
export interface MethodNode {
  node: Node;
  records: readonly DecoratorRecord[];
  /** Set when some parameter has a default value. */
  defaults?: MethodDefaults;
}

/**
 * A method's default parameter values, for decorators that call another
 * function in the method's place (@does): the node passes `undefined` for an
 * optional input nobody gave, and only the method's own parameter list turns
 * that into its default.
 */
export interface MethodDefaults {
  /** The parameters that have a default value. */
  readonly parameters: readonly string[];
  /**
   * The arguments as the method's body would see them, defaults applied
   * (the transformer's `withDefaults`, run on the module instance). Absent when
   * they cannot be evaluated outside the method: compiled without the
   * transformer, or a default reading `super` or a `#private` name.
   */
  readonly apply?: (args: readonly unknown[]) => unknown[];
}

/** One node per public method of the module: the plain nodes before any decorator expands them. */
export function methodNodes(module: DataflowModule, options: ModuleLoadOptions = {}): MethodNode[] {
  const { cls, instance } = instantiate(module);
  const classMeta = classMetadataOf(cls);
  if (!classMeta) handleMissingMetadata(cls, options);
  const nodes: MethodNode[] = [];
  for (const { name, prototype, method, transformed } of methodsOf(cls)) {
    // `_` marks helpers, but a `__proto__` method is no helper: it hides every instance's prototype link.
    if (name === RESERVED_NAME) throw new ModuleDefinitionError(cls.name, name, reservedNameMessage('a method'));
    const records = decoratorRecords(prototype, name);
    // A @mutate helper may be `_`-named or private (Hamilton names them `_mutate0`): it never becomes a node, but it applies.
    const mutates = records.some((r) => r.kind === 'mutate');
    if ((name.startsWith('_') && !mutates) || isExcluded(prototype, name)) continue;
    const meta = methodMetadataOf(prototype, name);
    // A transformed class stamps every public method: an unstamped one is private or protected.
    if (!meta && transformed && !mutates) continue;
    const origin: NodeOrigin = {
      // The name as written: a minifier renames the class, its metadata keeps the name.
      className: classMeta?.className ?? cls.name,
      method: name,
      modulePath: classMeta?.modulePath,
      exportName: classMeta?.exportName,
    };
    methodsByOrigin.set(origin, method);
    codeByOrigin.set(origin, { codeVersion: meta?.codeVersion, records });
    const dependencies = meta ? declaredDependencies(cls.name, name, meta) : recoveredDependencies(cls.name, name, method);
    const node: Node = {
      name,
      dependencies,
      type: meta?.returns ?? UNKNOWN,
      doc: meta?.doc ?? '',
      tags: {},
      source: meta?.source,
      origin,
      fn: method.bind(instance) as Node['fn'],
    };
    nodes.push({ node, records, defaults: defaultsOf(method, meta, instance) });
  }
  return nodes;
}

function instantiate(module: DataflowModule): { cls: Function; instance: object } {
  const cls = typeof module === 'function' ? module : (module as object).constructor;
  if (typeof cls !== 'function' || !dataflowOptions(cls)) {
    const name = typeof cls === 'function' && cls.name ? cls.name : String(module);
    throw new ModuleDefinitionError(name, undefined,
      'is not a @dataflow() class: decorate it with @dataflow() (from hamilton-ts) to make its methods nodes.');
  }
  if (typeof module !== 'function') return { cls, instance: module };
  try {
    return { cls, instance: new (module as new () => object)() };
  } catch (cause) {
    const error = new ModuleDefinitionError(cls.name, undefined,
      `constructing it with no arguments failed (${(cause as Error)?.message ?? cause}). `
      + 'Pass an instance instead of the class to inject constructor arguments.');
    (error as { cause?: unknown }).cause = cause;
    throw error;
  }
}

interface ClassMethod {
  name: string;
  /** The prototype that defines it: its metadata and decorators live there. */
  prototype: object;
  method: Function;
  /** Whether the defining class was compiled by the transformer. */
  transformed: boolean;
}

/** Methods along the prototype chain, nearest definition first (accessors are no methods). */
function methodsOf(cls: Function): ClassMethod[] {
  const seen = new Set<string>(['constructor']);
  const methods: ClassMethod[] = [];
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const transformed = classMetadataOf(proto.constructor) !== undefined;
    // One descriptor at a time: getOwnPropertyDescriptors is several times slower on large classes.
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const { value } = Object.getOwnPropertyDescriptor(proto, name)!;
      if (typeof value === 'function') methods.push({ name, prototype: proto, method: value, transformed });
    }
  }
  return methods;
}

function handleMissingMetadata(cls: Function, options: ModuleLoadOptions): void {
  const foreign = Reflect.getOwnMetadata(CLASS_METADATA_KEY, cls) as { version?: unknown } | undefined;
  if (foreign) {
    // Misreading another version's metadata could wire a wrong graph: stop instead.
    throw new ModuleDefinitionError(cls.name, undefined,
      `was compiled by a hamilton-ts transformer that writes metadata version ${String(foreign.version)}, `
      + `but this runtime reads version ${METADATA_VERSION}. Rebuild it with the transformer of the installed hamilton-ts.`);
  }
  if (!options.requireTransformer && warnedClasses.has(cls)) return;
  const message = `${cls.name} was compiled without the hamilton-ts transformer: parameter names are `
    + 'read from the compiled source, types are unknown (no type checks), and private or protected '
    + `methods cannot be told from public ones. ${transformerSetupHint(recoverableNames(cls))}`;
  if (options.requireTransformer) throw new ModuleDefinitionError(cls.name, undefined, message);
  warnedClasses.add(cls);
  process.emitWarning(message, { code: 'HAMILTON_TS_NO_TRANSFORMER' });
}

/** The parameter names readable from the class's methods, for the set-up hint (unreadable ones are reported later). */
function recoverableNames(cls: Function): string[] {
  return methodsOf(cls).flatMap(({ method }) => {
    try {
      return recoverParameters(method).map((p) => p.name);
    } catch {
      return [];
    }
  });
}

/** The stamped parameters are dependencies as they are (no copy: graphs of 10,000 nodes build often). */
function declaredDependencies(className: string, method: string, meta: MethodMetadata): readonly Dependency[] {
  for (const p of meta.params) {
    if (p.shape) throw new ModuleDefinitionError(className, method, unsupportedParameterMessage(p.shape, p.name));
  }
  return meta.params;
}

function defaultsOf(method: Function, meta: MethodMetadata | undefined, instance: object): MethodDefaults | undefined {
  const parameters = meta
    ? meta.params.filter((p) => p.hasDefault).map((p) => p.name)
    : recoverParameters(method).filter((p) => p.hasDefault).map((p) => p.name);
  if (parameters.length === 0) return undefined;
  const echo = meta?.withDefaults;
  return echo ? { parameters, apply: (args) => echo.apply(instance, args as unknown[]) } : { parameters };
}

function recoveredDependencies(className: string, method: string, fn: Function): Dependency[] {
  try {
    return recoverParameters(fn).map((p) => ({ name: p.name, optional: p.hasDefault, type: UNKNOWN }));
  } catch (error) {
    if (error instanceof UnsupportedParameterError) throw new ModuleDefinitionError(className, method, error.message);
    throw error;
  }
}
