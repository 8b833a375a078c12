import type * as TS from 'typescript';
import { checkUnsuitableFor } from '../runtime/contract/check-applicability';
import { formatType, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { DIAGNOSTIC_CODES, hamiltonDiagnostic } from './diagnostic-codes';
import { calleeName, decoratorArguments, decoratorName, literalProperties } from './decorator-syntax';
import type { TypeDescriber } from './type-describer';

/** Decorators after which `@checkOutput` checks another node than the method's own (a column, a piped result). */
const RESHAPING = /^(extractColumns|extractFields|unpackFields|pipeOutput|withColumns|mutate|parameterizeExtractColumns)$/;

/**
 * Decorator arguments that cannot work on the method they decorate, judged
 * from its declared parameters and return type: bindings of a parameter it
 * lacks, `group()` bound to a parameter of another shape, extraction from a
 * type that has no columns or fields, checks that cannot read its type.
 * The graph build raises the same mistakes as errors; here they come with
 * the line, before anything runs. Arguments not written out literally are
 * left to the graph build.
 */
export function checkDecoratorArguments(
  ts: typeof TS, describer: TypeDescriber, file: TS.SourceFile, className: string, method: TS.MethodDeclaration,
): TS.Diagnostic[] {
  const decorators = ts.getDecorators(method) ?? [];
  if (decorators.length === 0) return [];
  const where = `${className}.${method.name.getText(file)}`;
  const params = new Map<string, TS.ParameterDeclaration>();
  for (const p of method.parameters) if (ts.isIdentifier(p.name)) params.set(p.name.text, p);
  const diagnostics: TS.Diagnostic[] = [];
  const names = decorators.map((d) => decoratorName(ts, d));

  const checkBinding = (kind: string, at: TS.Node, parameter: string, bound: TS.Expression | undefined) => {
    const param = params.get(parameter);
    if (!param) {
      const has = [...params.keys()];
      diagnostics.push(hamiltonDiagnostic(ts, file, at, DIAGNOSTIC_CODES.bindingUnknownParameter,
        `@${kind} on ${where} binds '${parameter}', but the method has no parameter of that name `
        + `(it has ${has.length ? has.map((p) => `'${p}'`).join(', ') : 'none'}).`));
      return;
    }
    if (bound && calleeName(ts, bound) === 'group') checkGroup(kind, bound as TS.CallExpression, parameter, param);
  };
  const checkGroup = (kind: string, call: TS.CallExpression, parameter: string, param: TS.ParameterDeclaration) => {
    const type = describer.parameterType(param);
    const asRecord = call.arguments.length === 1 && ts.isObjectLiteralExpression(call.arguments[0]);
    const fits = asRecord ? accepts(type, ['record', 'object']) : accepts(type, ['array', 'column', 'tuple']);
    if (fits) return;
    diagnostics.push(hamiltonDiagnostic(ts, file, call, DIAGNOSTIC_CODES.groupShapeMismatch,
      `@${kind} on ${where} binds group(...) to '${parameter}', which is declared ${formatType(type)}: `
      + (asRecord ? 'group({...}) gives a record, so the parameter must be a record type.' : 'group(...) gives an array, so the parameter must be an array type (T[]).')));
  };
  const checkBindings = (kind: string, bindings: TS.Expression | undefined) => {
    const props = bindings && literalProperties(ts, bindings);
    for (const b of props ?? []) checkBinding(kind, b.at, b.name, b.value);
  };

  decorators.forEach((d, i) => {
    const kind = names[i];
    const args = decoratorArguments(ts, d);
    switch (kind) {
      case 'inject':
        checkBindings(kind, args[0]);
        break;
      case 'parameterize':
      case 'parameterizeSources':
        for (const node of (args[0] && literalProperties(ts, args[0])) ?? []) {
          // { params: {...}, doc: '...' } is the form with a doc of its own.
          const parts = literalProperties(ts, node.value);
          const params = parts?.find((p) => p.name === 'params');
          const withDoc = params && parts!.some((p) => p.name === 'doc') && parts!.length === 2;
          if (kind === 'parameterizeSources') for (const b of parts ?? []) checkBinding(kind, b.at, b.name, undefined);
          else checkBindings(kind, withDoc ? params.value : node.value);
        }
        break;
      case 'parameterizeValues':
        if (args[0] && ts.isStringLiteralLike(args[0])) checkBinding(kind, args[0], args[0].text, undefined);
        break;
      case 'extractColumns': {
        const returns = describer.returnType(method);
        if (!accepts(returns, ['table'])) {
          diagnostics.push(hamiltonDiagnostic(ts, file, d, DIAGNOSTIC_CODES.extractColumnsNotTable,
            `@extractColumns on ${where} needs the method to return a Table, but it is declared to return ${formatType(returns)}.`));
        }
        break;
      }
      case 'extractFields': {
        const returns = describer.returnType(method);
        if (!accepts(returns, ['record', 'object'])) {
          diagnostics.push(hamiltonDiagnostic(ts, file, d, DIAGNOSTIC_CODES.extractFieldsNotRecord,
            `@extractFields on ${where} needs the method to return a record, but it is declared to return ${formatType(returns)}.`));
        }
        break;
      }
      case 'checkOutput': {
        if (names.some((n) => RESHAPING.test(n))) break;
        const returns = describer.returnType(method);
        for (const check of (args[0] && literalProperties(ts, args[0])) ?? []) {
          const problem = checkUnsuitableFor(check.name, literalValue(ts, check.value), returns);
          if (problem) {
            diagnostics.push(hamiltonDiagnostic(ts, file, check.at, DIAGNOSTIC_CODES.checkUnsuitable,
              `@checkOutput on ${where}: '${check.name}' ${problem}.`));
          }
        }
        break;
      }
      default:
        break;
    }
  });
  return diagnostics;
}

/** Does a declared type (or every option of a union, nulls aside) have one of these kinds? Unknown always does. */
function accepts(type: TypeDescriptor, kinds: string[]): boolean {
  if (type.kind === 'unknown') return true;
  if (type.kind === 'union') {
    const options = type.options.filter((o) => o.kind !== 'null' && o.kind !== 'undefined');
    return options.length > 0 && options.every((o) => accepts(o, kinds));
  }
  return kinds.includes(type.kind);
}

function literalValue(ts: typeof TS, e: TS.Expression): unknown {
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  return e; // some value: what matters is that it is set
}
