import type * as TS from 'typescript';
import { CLASS_METADATA_KEY, NODE_METADATA_KEY } from '../contract/node-metadata';
import { createMetadataEmitter } from '../../transformer/metadata-emitter';
import { isDataflowClass } from '../../transformer/dataflow-syntax';

/** One `@dataflow()` class of the project, its metadata printed as TypeScript object literals. */
export interface AnalysedClass {
  /** The absolute path of the file that declares it. */
  fileName: string;
  className: string;
  /** `default` for a default export; undefined for a class that is not exported (it cannot be imported). */
  exportName: string | undefined;
  /** The transformer's class metadata, less `modulePath` (registration knows where the module runs). */
  classMeta: string;
  methods: { name: string; meta: string }[];
  /** Private and protected methods: no nodes. */
  otherMethods: string[];
  line: number;
}

/** Names a default parameter value may use in generated code, beside the method's own parameters (and `this`). */
const GLOBALS = new Set(['undefined', 'NaN', 'Infinity', 'Math', 'Number', 'String', 'Boolean', 'Array', 'Object', 'Date', 'JSON', 'BigInt']);

/**
 * Runs the transformer's own metadata emitter over each source file of the
 * program and reads back what it stamped on each `@dataflow()` class and
 * method: the generated module then holds exactly the transformer's
 * metadata, whatever fields it comes to emit.
 */
export function analyseProgram(ts: typeof TS, program: TS.Program, skip: (fileName: string) => boolean = () => false): AnalysedClass[] {
  const emitter = createMetadataEmitter(ts, program);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const classes: AnalysedClass[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile) || skip(sourceFile.fileName)) continue;
    if (!sourceFile.text.includes('dataflow')) continue;
    const result = ts.transform(sourceFile, [emitter], program.getCompilerOptions());
    try {
      const transformed = result.transformed[0];
      const print = (node: TS.Node) => printer.printNode(ts.EmitHint.Expression, node, sourceFile);
      for (const statement of transformed.statements) {
        if (!ts.isClassDeclaration(statement)) continue;
        const classMeta = metadataArgument(ts, statement, CLASS_METADATA_KEY);
        if (!classMeta || !isDataflowClass(ts, statement)) continue;
        const modifiers = ts.getModifiers(statement) ?? [];
        const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        const className = statement.name?.text ?? 'default';
        const methods: AnalysedClass['methods'] = [];
        const otherMethods: string[] = [];
        for (const member of statement.members) {
          if (!ts.isMethodDeclaration(member) || !member.body) continue;
          if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) continue;
          const name = member.name.text;
          const meta = metadataArgument(ts, member, NODE_METADATA_KEY);
          if (meta) methods.push({ name, meta: print(portableMethodMeta(ts, meta)) });
          else if (!(ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) otherMethods.push(name);
        }
        classes.push({
          fileName: sourceFile.fileName,
          className,
          exportName: exported ? (isDefault ? 'default' : className) : undefined,
          classMeta: print(withoutProperty(ts, classMeta, 'modulePath')),
          methods,
          otherMethods,
          line: sourceFile.getLineAndCharacterOfPosition((statement.name ?? statement).getStart(sourceFile)).line + 1,
        });
      }
    } finally {
      result.dispose();
    }
  }
  return classes;
}

/** The object literal of a `Reflect.metadata(key, { … })` decorator the emitter added. */
function metadataArgument(ts: typeof TS, node: TS.HasDecorators, key: string): TS.ObjectLiteralExpression | undefined {
  for (const decorator of ts.getDecorators(node) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) continue;
    if (call.expression.name.text !== 'metadata' || !ts.isIdentifier(call.expression.expression) || call.expression.expression.text !== 'Reflect') continue;
    const [first, second] = call.arguments;
    if (first && ts.isStringLiteral(first) && first.text === key && second && ts.isObjectLiteralExpression(second)) return second;
  }
  return undefined;
}

function propertyName(ts: typeof TS, property: TS.ObjectLiteralElementLike): string | undefined {
  return property.name && (ts.isStringLiteral(property.name) || ts.isIdentifier(property.name)) ? property.name.text : undefined;
}

function withoutProperty(ts: typeof TS, object: TS.ObjectLiteralExpression, name: string): TS.ObjectLiteralExpression {
  return ts.factory.updateObjectLiteralExpression(object, object.properties.filter((p) => propertyName(ts, p) !== name));
}

/**
 * The method metadata as it can run outside the method's file: the
 * `withDefaults` echo stays when its default values read only literals, the
 * other parameters, `this` and a few globals; one reading an import or a local
 * of the class's file is left out (the runtime then treats the defaults as
 * without the transformer).
 */
function portableMethodMeta(ts: typeof TS, meta: TS.ObjectLiteralExpression): TS.ObjectLiteralExpression {
  const echo = meta.properties.find((p) => propertyName(ts, p) === 'withDefaults');
  if (!echo || !ts.isPropertyAssignment(echo) || !ts.isFunctionExpression(echo.initializer)) return meta;
  const parameters = new Set(echo.initializer.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')));
  const portable = echo.initializer.parameters.every((p) => !p.initializer || readsOnly(ts, p.initializer, parameters));
  return portable ? meta : withoutProperty(ts, meta, 'withDefaults');
}

function readsOnly(ts: typeof TS, node: TS.Node, parameters: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node)) return parameters.has(node.text) || GLOBALS.has(node.text);
  if (ts.isPropertyAccessExpression(node)) return readsOnly(ts, node.expression, parameters);
  if (ts.isPropertyAssignment(node)) return readsOnly(ts, node.initializer, parameters) && (!ts.isComputedPropertyName(node.name) || readsOnly(ts, node.name, parameters));
  if (ts.isShorthandPropertyAssignment(node)) return readsOnly(ts, node.name, parameters);
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return !ts.forEachChild(node, (child) => (readsOnly(ts, child, parameters) ? undefined : true));
}
