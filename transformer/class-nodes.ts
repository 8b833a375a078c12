import type * as TS from 'typescript';
import { UNKNOWN, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { isDataflowClass, isNodeMethod, variantBase } from './dataflow-syntax';
import { decoratorArguments, decoratorName, literalProperties } from './decorator-syntax';
import type { TypeDescriber } from './type-describer';

/** One node a class defines, as far as its source tells. */
export interface StaticNode {
  name: string;
  className: string;
  /** Where it is written: the method (or the decorator that makes it). */
  at: TS.Node;
  /** Its declared type; unknown for names decorators make. */
  returns: TypeDescriptor;
  /** The parameters it reads by name, with their declared types (none when a decorator rebinds them). */
  deps: { name: string; param: TS.ParameterDeclaration; type: TypeDescriptor }[];
  /** A config variant (`name__eu`, `@config.when`): only one of its kind is in any one graph. */
  variant: boolean;
  /** Made by a decorator rather than by the method itself. */
  derived: boolean;
  /** The method whose (awaited) return type it holds, when it holds that (`@parameterize` keys, `<name>.raw`). */
  returnOf?: string;
}

/** A `@dataflow()` class read statically, for checks across the modules of a driver. */
export interface StaticClass {
  name: string;
  nodes: StaticNode[];
  /** Every parameter name of its node methods: its inputs, among others. */
  parameterNames: Set<string>;
  /** Parameters a decorator binds to a value or another node (`@parameterize`, `@inject`): no inputs, by method. */
  bound: Map<string, Set<string>>;
  /**
   * Every name it defines is known: no decorator whose names cannot be read
   * from the source, no base class. Only then can a requested name be called unknown.
   */
  complete: boolean;
}

/** Decorators that leave the method's node as it is (names, parameters). */
const NEUTRAL = /^(tag|tagOutputs|exclude|schema|output|when|whenNot|whenIn|whenNotIn|config)$/;
const CONFIG = /^(when|whenNot|whenIn|whenNotIn|config)$/;
const EXTRACT_OPTIONS = new Set(['fill', 'docs']);

/** Reads a class declaration's nodes, or undefined when it is no `@dataflow()` class with a body. */
export function readDataflowClass(ts: typeof TS, checker: TS.TypeChecker, describer: TypeDescriber, cls: TS.ClassDeclaration): StaticClass | undefined {
  if (!isDataflowClass(ts, cls)) return undefined;
  const file = cls.getSourceFile();
  const className = cls.name?.text ?? 'default';
  const result: StaticClass = { name: className, nodes: [], parameterNames: new Set(), bound: new Map(), complete: !cls.heritageClauses?.length };
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member) || !isNodeMethod(ts, member)) continue;
    const methodName = member.name.getText(file).replace(/^['"]|['"]$/g, '');
    if (methodName.startsWith('_')) continue;
    const decorators = ts.getDecorators(member) ?? [];
    const kinds = decorators.map((d) => decoratorName(ts, d));
    if (kinds.includes('exclude')) continue;
    const params = member.parameters.filter((p) => ts.isIdentifier(p.name));
    for (const p of params) result.parameterNames.add((p.name as TS.Identifier).text);
    const [base, suffix] = [variantBase(methodName), methodName.includes('__')];
    const variant = suffix || kinds.some((k) => CONFIG.test(k));
    const returns = describer.returnType(member);
    const deps = params.map((param) => ({ name: (param.name as TS.Identifier).text, param, type: describer.parameterType(param) }));
    const derived = (name: string, at: TS.Node, type: TypeDescriptor = UNKNOWN): StaticNode =>
      ({ name, className, at, returns: type, deps: [], variant, derived: true, returnOf: type === returns ? methodName : undefined });
    let own: StaticNode | undefined = { name: base, className, at: member.name, returns, deps, variant, derived: false };
    decorators.forEach((d, i) => {
      const kind = kinds[i];
      const args = decoratorArguments(ts, d);
      if (NEUTRAL.test(kind)) return;
      if (/^(inject|parameterize|parameterizeSources|parameterizeValues)$/.test(kind)) bindingsOf(ts, kind, args, (p) => {
        if (!result.bound.has(methodName)) result.bound.set(methodName, new Set());
        result.bound.get(methodName)!.add(p);
      }, () => { result.complete = false; });
      if (kind === 'inject') {
        if (own) own = { ...own, deps: [] };
      } else if (kind === 'parameterize' || kind === 'parameterizeSources' || kind === 'parameterizeValues') {
        own = undefined;
        const spec = args[kind === 'parameterizeValues' ? 1 : 0];
        const keys = spec && literalProperties(ts, spec);
        if (!keys) result.complete = false;
        for (const k of keys ?? []) result.nodes.push(derived(k.name, k.at, returns));
      } else if (kind === 'extractColumns' || kind === 'extractFields') {
        const names = extractedNames(ts, args, returns, kind === 'extractColumns' ? 'table' : 'record');
        if (!names) result.complete = false;
        for (const n of names ?? []) result.nodes.push(derived(n, d));
      } else if (kind === 'checkOutput' || kind === 'checkOutputCustom') {
        const checks = kinds.filter((k) => k === 'checkOutput' || k === 'checkOutputCustom').length;
        if (!result.nodes.some((n) => n.name === `${base}.raw`)) {
          result.nodes.push(derived(`${base}.raw`, d, returns));
          for (let c = 0; c < checks; c++) result.nodes.push(derived(`${base}.check${c === 0 ? '' : c + 1}`, d));
        }
        if (kinds.some((k) => k === 'pipeOutput' || k.startsWith('parameterize'))) result.complete = false;
      } else {
        // @subdag, @pipe, @does, @withColumns, @mutate, …: names and parameters only the graph build knows.
        result.complete = false;
        if (own) own = { ...own, deps: [] };
      }
    });
    if (own) result.nodes.push(own);
  }
  addDeclaredNames(checker, cls, result);
  return result;
}

/** Names a `DataflowTypes<{ nodes, inputs }>` declaration merged into the class gives (the typed driver's declarations). */
function addDeclaredNames(checker: TS.TypeChecker, cls: TS.ClassDeclaration, result: StaticClass): void {
  if (!cls.name) return;
  const declaration = checker.getTypeAtLocation(cls.name).getProperty('~hamilton');
  if (!declaration) return;
  const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(declaration, cls.name));
  const namesOf = (key: string) => {
    const part = type.getProperty(key);
    return part ? checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(part, cls.name!)).map((p) => p.name) : [];
  };
  for (const name of namesOf('nodes')) {
    if (!result.nodes.some((n) => n.name === name)) {
      result.nodes.push({ name, className: result.name, at: cls.name, returns: UNKNOWN, deps: [], variant: false, derived: true });
    }
  }
  for (const name of namesOf('inputs')) result.parameterNames.add(name);
}

/** The names `@extractColumns` / `@extractFields` make, from its arguments or the declared return type. */
function extractedNames(ts: typeof TS, args: readonly TS.Expression[], returns: TypeDescriptor, from: 'table' | 'record'): string[] | undefined {
  const names: string[] = [];
  for (const arg of args) {
    if (ts.isStringLiteralLike(arg)) names.push(arg.text);
    else if (ts.isArrayLiteralExpression(arg) && arg.elements[0] && ts.isStringLiteralLike(arg.elements[0])) names.push(arg.elements[0].text);
    else {
      const props = literalProperties(ts, arg);
      if (!props) return undefined;
      if (props.every((p) => EXTRACT_OPTIONS.has(p.name))) continue;
      if (names.length === 0 && arg === args[0]) names.push(...props.map((p) => p.name));
    }
  }
  if (names.length) return names;
  const declared = returns.kind === 'table' && from === 'table' ? returns.columns : returns.kind === 'record' && from === 'record' ? returns.fields : undefined;
  return declared ? Object.keys(declared) : undefined;
}

/** Calls `bound` with each parameter a binding decorator names, `unknown` when its arguments are not written out. */
function bindingsOf(ts: typeof TS, kind: string, args: readonly TS.Expression[], bound: (p: string) => void, unknown: () => void): void {
  if (kind === 'parameterizeValues') {
    if (args[0] && ts.isStringLiteralLike(args[0])) bound(args[0].text);
    else unknown();
    return;
  }
  const specs = kind === 'inject' ? (args[0] ? [args[0]] : []) : (args[0] && literalProperties(ts, args[0]))?.map((p) => p.value);
  if (!specs) return unknown();
  for (const spec of specs) {
    const props = literalProperties(ts, spec);
    if (!props) return unknown();
    const params = props.find((p) => p.name === 'params');
    const inner = params && props.length === 2 && props.some((p) => p.name === 'doc') ? literalProperties(ts, params.value) : props;
    if (!inner) return unknown();
    for (const p of inner) bound(p.name);
  }
}
