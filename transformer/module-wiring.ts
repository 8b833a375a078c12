import type * as TS from 'typescript';
import { fits, formatType } from '../runtime/contract/type-descriptor';
import { readDataflowClass, type StaticClass, type StaticNode } from './class-nodes';
import { DIAGNOSTIC_CODES, hamiltonDiagnostic, placeOf } from './diagnostic-codes';
import { literalProperties } from './decorator-syntax';
import type { TypeDescriber } from './type-describer';

/** The methods whose first argument is a list of names the graph must have. */
const REQUESTS = new Set(['execute', 'rawExecute', 'validateExecution', 'executeWithReport', 'exportExecution']);

/** A driver whose modules are written out: `new Builder().withModules(A, B)…` or `new Driver(config, [A, B])`. */
interface DriverSite {
  /** Each module argument, with its class when it names a `@dataflow()` class (or `new` of one). */
  modules: { at: TS.Expression; cls: StaticClass | undefined }[];
  /** Config keys a request may also name, or undefined when the config is not known key by key. */
  configKeys: Set<string> | undefined;
  allowOverrides: boolean;
}

/**
 * Wiring across the classes of each driver a file builds: a producer in one
 * class whose type does not fit a consumer in another, cycles through
 * several classes, a node two classes define; and requests
 * (`dr.execute([...])`) naming a literal that none of its modules define.
 * Reported where the driver is built and where the request is made.
 */
export function checkModuleWiring(ts: typeof TS, program: TS.Program, describer: TypeDescriber, file: TS.SourceFile): TS.Diagnostic[] {
  if (!file.text.includes('withModules') && !file.text.includes('Driver')) return [];
  const checker = program.getTypeChecker();
  const classes = new Map<TS.ClassDeclaration, StaticClass | undefined>();
  const classOf = (e: TS.Expression): StaticClass | undefined => {
    const target = ts.isNewExpression(e) ? e.expression : e;
    let symbol = checker.getSymbolAtLocation(target);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl || !ts.isClassDeclaration(decl)) return undefined;
    if (!classes.has(decl)) classes.set(decl, readDataflowClass(ts, checker, describer, decl));
    return classes.get(decl);
  };
  const sites = new Map<TS.Node, DriverSite>();
  const diagnostics: TS.Diagnostic[] = [];

  const visit = (node: TS.Node): void => {
    const site = driverSite(ts, checker, node, classOf);
    if (site) {
      sites.set(node, site);
      diagnostics.push(...checkSite(ts, file, site));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  const visitRequests = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && REQUESTS.has(node.expression.name.text)) {
      const site = siteOf(ts, checker, node.expression.expression, sites);
      const names = node.arguments[0];
      const given = givenNames(ts, node.arguments[1]);
      if (site && given && names && ts.isArrayLiteralExpression(names)) diagnostics.push(...checkRequest(ts, file, node.expression.name.text, site, names, given));
    }
    ts.forEachChild(node, visitRequests);
  };
  if (sites.size) visitRequests(file);
  return diagnostics;
}

/** The driver site a node builds, if it is one: a `withModules(...)` call (the chain around it) or a `new Driver(...)`. */
function driverSite(
  ts: typeof TS, checker: TS.TypeChecker, node: TS.Node, classOf: (e: TS.Expression) => StaticClass | undefined,
): DriverSite | undefined {
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Driver' && node.arguments && node.arguments.length >= 2) {
    const [config, modules, options] = node.arguments;
    const list = ts.isArrayLiteralExpression(modules) ? [...modules.elements] : [modules];
    if (list.some((m) => ts.isSpreadElement(m))) return undefined;
    return {
      modules: list.map((at) => ({ at, cls: classOf(at) })),
      configKeys: keysOfType(ts, checker, config),
      allowOverrides: options !== undefined && /allowModuleOverrides\s*:\s*true/.test(options.getText()),
    };
  }
  // The outermost call of a builder chain that has withModules in it: its whole chain is one driver.
  if (!ts.isCallExpression(node) || isInnerChainLink(ts, node)) return undefined;
  const links: TS.CallExpression[] = [];
  for (let e: TS.Expression = node; ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression); e = e.expression.expression) links.push(e);
  const withModules = links.filter((l) => (l.expression as TS.PropertyAccessExpression).name.text === 'withModules');
  if (withModules.length === 0) return undefined;
  const args = withModules.reverse().flatMap((l) => [...l.arguments]);
  if (args.some((a) => ts.isSpreadElement(a))) return undefined;
  const nameOf = (l: TS.CallExpression) => (l.expression as TS.PropertyAccessExpression).name.text;
  let configKeys: Set<string> | undefined = new Set();
  for (const l of links.filter((l) => nameOf(l) === 'withConfig')) {
    const keys = l.arguments[0] && keysOfType(ts, checker, l.arguments[0]);
    configKeys = keys && configKeys ? new Set([...configKeys, ...keys]) : undefined;
  }
  const allowOverrides = links.some((l) => nameOf(l) === 'allowModuleOverrides'
    && !(l.arguments[0] && l.arguments[0].kind === ts.SyntaxKind.FalseKeyword));
  return { modules: args.map((at) => ({ at, cls: classOf(at) })), configKeys, allowOverrides };
}

/** A call whose result is the receiver of a further call in the same chain (`a.b()` in `a.b().c()`). */
function isInnerChainLink(ts: typeof TS, node: TS.CallExpression): boolean {
  const parent = node.parent;
  return ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
}

/** The keys of an object type known key by key (no index signature), else undefined. */
function keysOfType(ts: typeof TS, checker: TS.TypeChecker, e: TS.Expression): Set<string> | undefined {
  const type = checker.getTypeAtLocation(e);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  if (checker.getIndexInfosOfType(type).length) return undefined;
  return new Set(checker.getPropertiesOfType(type).map((p) => p.name));
}

/** The driver site a request's receiver comes from: the chain itself, `….build()`, or a const holding one. */
function siteOf(ts: typeof TS, checker: TS.TypeChecker, receiver: TS.Expression, sites: Map<TS.Node, DriverSite>): DriverSite | undefined {
  let e: TS.Expression = receiver;
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) {
    const decl = checker.getSymbolAtLocation(e)?.valueDeclaration;
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
    const list = decl.parent;
    if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
    e = decl.initializer;
  }
  return sites.get(e);
}

function checkSite(ts: typeof TS, file: TS.SourceFile, site: DriverSite): TS.Diagnostic[] {
  const known = site.modules.filter((m): m is { at: TS.Expression; cls: StaticClass } => m.cls !== undefined);
  const diagnostics: TS.Diagnostic[] = [];
  const seen = new Set<StaticClass>();
  const modules = known.filter((m) => (seen.has(m.cls) ? false : (seen.add(m.cls), true)));
  // Who produces each name, module by module (a config variant only beside its own kind).
  const producers = new Map<string, { node: StaticNode; at: TS.Expression }[]>();
  for (const m of modules) {
    for (const node of m.cls.nodes) {
      const list = producers.get(node.name) ?? [];
      const clash = list.find((p) => p.node.className !== node.className);
      if (clash && !site.allowOverrides && !node.variant && !clash.node.variant) {
        diagnostics.push(hamiltonDiagnostic(ts, file, m.at, DIAGNOSTIC_CODES.duplicateNode,
          `node '${node.name}' is defined twice among this driver's modules: by ${clash.node.className} (${placeOf(clash.node.at)}) `
          + `and by ${node.className} (${placeOf(node.at)}). Rename one, or let the later module win with allowModuleOverrides().`));
      }
      list.push({ node, at: m.at });
      producers.set(node.name, list);
    }
  }
  for (const m of modules) {
    const own = new Set(m.cls.nodes.map((n) => n.name));
    for (const consumer of m.cls.nodes) {
      for (const dep of consumer.deps) {
        if (own.has(dep.name)) continue; // checked inside the class (wiring-check.ts)
        const producer = (producers.get(dep.name) ?? []).find((p) => !p.node.derived);
        if (!producer || producer.node.variant || fits(producer.node.returns, dep.type)) continue;
        diagnostics.push(hamiltonDiagnostic(ts, file, m.at, DIAGNOSTIC_CODES.crossModuleTypeMismatch,
          `${consumer.className}.${consumer.name} (${placeOf(dep.param)}): parameter '${dep.name}' expects ${formatType(dep.type)}, `
          + `but node '${dep.name}' of ${producer.node.className} (${placeOf(producer.node.at)}) returns ${formatType(producer.node.returns)}.`));
      }
    }
  }
  const cycle = crossClassCycle(modules.map((m) => m.cls));
  if (cycle) {
    diagnostics.push(hamiltonDiagnostic(ts, file, modules[0].at, DIAGNOSTIC_CODES.crossModuleCycle,
      `this driver's modules form a cycle: ${cycle.map((n) => `${n.className}.${n.name}`).join(' -> ')} -> ${cycle[0].className}.${cycle[0].name}.`));
  }
  return diagnostics;
}

/** A cycle through nodes of at least two classes (one inside a class is wiring-check.ts's). */
function crossClassCycle(classes: StaticClass[]): StaticNode[] | undefined {
  const byName = new Map<string, StaticNode>();
  for (const c of classes) for (const n of c.nodes) if (!n.derived && !n.variant && !byName.has(n.name)) byName.set(n.name, n);
  const state = new Map<string, 'open' | 'done'>();
  const stack: StaticNode[] = [];
  const visit = (node: StaticNode): StaticNode[] | undefined => {
    state.set(node.name, 'open');
    stack.push(node);
    for (const dep of node.deps) {
      const next = byName.get(dep.name);
      if (!next) continue;
      if (state.get(next.name) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        if (new Set(cycle.map((n) => n.className)).size > 1) return cycle;
        continue;
      }
      if (!state.has(next.name)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node.name, 'done');
    return undefined;
  };
  for (const node of byName.values()) {
    if (state.has(node.name)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

/**
 * The names a request's options give (`inputs` and `overrides` written out):
 * a requested input comes back as given, even one no node reads. Undefined
 * when they are not written out (a table, a variable): then any name may be given.
 */
function givenNames(ts: typeof TS, options: TS.Expression | undefined): string[] | undefined {
  if (!options) return [];
  const props = literalProperties(ts, options);
  if (!props) return undefined;
  const names: string[] = [];
  for (const p of props) {
    if (p.name !== 'inputs' && p.name !== 'overrides') continue;
    const given = literalProperties(ts, p.value);
    if (!given) return undefined;
    names.push(...given.map((g) => g.name));
  }
  return names;
}

function checkRequest(
  ts: typeof TS, file: TS.SourceFile, method: string, site: DriverSite, names: TS.ArrayLiteralExpression, given: string[],
): TS.Diagnostic[] {
  if (!site.configKeys || site.modules.some((m) => !m.cls || !m.cls.complete)) return [];
  const classes = site.modules.map((m) => m.cls!);
  const defined = new Set<string>([...site.configKeys, ...given]);
  for (const c of classes) {
    for (const n of c.nodes) defined.add(n.name);
    for (const p of c.parameterNames) defined.add(p);
  }
  const diagnostics: TS.Diagnostic[] = [];
  for (const element of names.elements) {
    if (!ts.isStringLiteralLike(element) || defined.has(element.text)) continue;
    const near = closest(element.text, [...defined]);
    diagnostics.push(hamiltonDiagnostic(ts, file, element, DIAGNOSTIC_CODES.unknownRequestedName,
      `${method} names '${element.text}', which none of this driver's modules (${classes.map((c) => c.name).join(', ')}) define or read`
      + `${near ? `: did you mean '${near}'?` : '.'}`));
  }
  return diagnostics;
}

/** The name within edit distance 2, if any, for a "did you mean". */
function closest(name: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of names) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
