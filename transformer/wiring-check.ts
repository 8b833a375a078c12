import type * as TS from 'typescript';
import { fits, formatType, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { isDataflowClass, isNodeMethod, variantBase } from './dataflow-syntax';
import { TypeDescriber } from './type-describer';

/** Diagnostic codes in a range TypeScript does not use, so users can tell them apart. */
export const WIRING_TYPE_MISMATCH = 91001;
export const WIRING_CYCLE = 91002;

/** Decorators after which a method no longer defines a node of its own name. */
const RENAMING_DECORATORS = /^(parameterize\w*|subdag|does)$/;
/** Decorators after which a parameter is no longer fed by the node it names. */
const REBINDING_DECORATORS = /^(parameterize\w*|subdag|inject|pipe\w*)$/;

interface MethodNode {
  name: string;
  method: TS.MethodDeclaration;
  returns: TypeDescriptor;
  /** Its parameters may be rebound by a decorator: leave them to the graph build. */
  rebound: boolean;
}

/**
 * Wiring mistakes visible inside one `@dataflow()` class, reported at compile
 * time: a parameter fed by a sibling method of an unfitting type, and a cycle
 * between methods. Dependencies across classes are checked when the graph is
 * built, where all modules are known.
 */
export function checkWiring(ts: typeof TS, program: TS.Program, sourceFile: TS.SourceFile): TS.Diagnostic[] {
  if (!sourceFile.text.includes('dataflow')) return [];
  const describer = new TypeDescriber(ts, program.getTypeChecker());
  const diagnostics: TS.Diagnostic[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isClassDeclaration(node) && isDataflowClass(ts, node)) diagnostics.push(...checkClass(ts, describer, sourceFile, node));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return diagnostics;
}

function checkClass(
  ts: typeof TS, describer: TypeDescriber, sourceFile: TS.SourceFile, cls: TS.ClassDeclaration,
): TS.Diagnostic[] {
  const producers = new Map<string, MethodNode>();
  const consumersOnly: MethodNode[] = [];
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member) || !isNodeMethod(ts, member)) continue;
    const decorators = (ts.getDecorators(member) ?? []).map((d) => decoratorName(ts, d));
    const rebound = decorators.some((d) => REBINDING_DECORATORS.test(d));
    const name = variantBase(member.name.getText(sourceFile).replace(/^['"]|['"]$/g, ''));
    if (name.startsWith('_')) continue;
    const returns = describer.returnType(member);
    const node = { name, method: member, returns, rebound };
    if (decorators.some((d) => RENAMING_DECORATORS.test(d))) consumersOnly.push(node);
    else producers.set(name, node);
  }
  const diagnostics: TS.Diagnostic[] = [];
  const className = cls.name?.text ?? 'default';
  for (const consumer of [...producers.values(), ...consumersOnly]) {
    if (consumer.rebound) continue;
    for (const param of consumer.method.parameters) {
      if (!ts.isIdentifier(param.name)) continue;
      const producer = producers.get(param.name.text);
      if (!producer) continue;
      const expected = describer.parameterType(param);
      if (fits(producer.returns, expected)) continue;
      diagnostics.push(diagnostic(ts, sourceFile, param, WIRING_TYPE_MISMATCH,
        `${className}.${consumer.name}: parameter '${param.name.text}' expects ${formatType(expected)}, `
        + `but node '${producer.name}' (line ${lineOf(sourceFile, producer.method)}) returns ${formatType(producer.returns)}.`));
    }
  }
  const cycle = findCycle(ts, producers);
  if (cycle) {
    const first = producers.get(cycle[0])!;
    diagnostics.push(diagnostic(ts, sourceFile, first.method.name, WIRING_CYCLE,
      `${className}: the nodes form a cycle: ${cycle.join(' -> ')} -> ${cycle[0]}.`));
  }
  return diagnostics;
}

function findCycle(ts: typeof TS, nodes: Map<string, MethodNode>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const depsOf = (n: MethodNode) => (n.rebound ? [] : n.method.parameters)
    .map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''))
    .filter((d) => nodes.has(d));
  const visit = (name: string): string[] | undefined => {
    state.set(name, 'open');
    stack.push(name);
    for (const dep of depsOf(nodes.get(name)!)) {
      if (state.get(dep) === 'open') return stack.slice(stack.indexOf(dep));
      if (!state.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of nodes.keys()) {
    if (state.has(name)) continue;
    const found = visit(name);
    if (found) return found;
  }
  return undefined;
}

function decoratorName(ts: typeof TS, d: TS.Decorator): string {
  const callee = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

function lineOf(sourceFile: TS.SourceFile, node: TS.Node): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

function diagnostic(ts: typeof TS, file: TS.SourceFile, node: TS.Node, code: number, messageText: string): TS.Diagnostic {
  return {
    file, start: node.getStart(file), length: node.getWidth(file),
    category: ts.DiagnosticCategory.Error, code, messageText, source: 'hamilton-ts',
  };
}
