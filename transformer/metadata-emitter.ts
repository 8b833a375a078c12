import * as path from 'path';
import type * as TS from 'typescript';
import {
  CLASS_METADATA_KEY, METADATA_VERSION, NODE_METADATA_KEY,
  type ClassMetadata, type MethodMetadata, type ParameterMetadata,
} from '../runtime/contract/node-metadata';
import { TypeDescriber } from './type-describer';
import { isDataflowClass, isNodeMethod } from './dataflow-syntax';
import { jsDocText } from './jsdoc-text';
import { methodCodeVersion } from './code-version';

/** A JSON-like value, or a raw expression spliced in as it is (`__filename`). */
type Emittable = string | number | boolean | undefined | null | TS.Expression | Emittable[] | { [key: string]: Emittable };

/**
 * The `before` transformer: stamps every `@dataflow()` class and each of its
 * public methods with `Reflect.metadata(...)` decorators carrying what the
 * runtime cannot recover from JavaScript — parameter names, optionality,
 * types, docs and source locations.
 */
export function createMetadataEmitter(ts: typeof TS, program: TS.Program): TS.TransformerFactory<TS.SourceFile> {
  const describer = new TypeDescriber(ts, program.getTypeChecker());
  const rootDir = program.getCurrentDirectory();

  return (context) => (sourceFile) => {
    if (!sourceFile.text.includes('dataflow')) return sourceFile;
    const f = context.factory;
    const relativeFile = path.relative(rootDir, sourceFile.fileName).split(path.sep).join('/');
    const esm = isEsmOutput(ts, program, sourceFile);

    const emit = (value: Emittable): TS.Expression => {
      if (value === undefined) return f.createIdentifier('undefined');
      if (value === null) return f.createNull();
      if (typeof value === 'string') return f.createStringLiteral(value);
      if (typeof value === 'number') return value < 0 ? f.createPrefixMinus(f.createNumericLiteral(-value)) : f.createNumericLiteral(value);
      if (typeof value === 'boolean') return value ? f.createTrue() : f.createFalse();
      if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map(emit));
      if (isTsNode(value)) return value;
      return f.createObjectLiteralExpression(
        Object.entries(value).map(([k, v]) => f.createPropertyAssignment(f.createStringLiteral(k), emit(v))),
      );
    };
    const metadataDecorator = (key: string, value: Emittable, name?: string): TS.Decorator =>
      f.createDecorator(f.createCallExpression(
        f.createPropertyAccessExpression(f.createIdentifier('Reflect'), 'metadata'),
        undefined,
        [f.createStringLiteral(key), emit(value)],
      ));
    const location = (node: TS.Node) => ({
      file: relativeFile,
      line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
    });
    const docOf = (node: TS.Node): string => jsDocText(ts, sourceFile, node);

    const methodMetadata = (method: TS.MethodDeclaration): MethodMetadata => {
      const params: ParameterMetadata[] = method.parameters.map((p) => {
        const param: ParameterMetadata = {
          name: ts.isIdentifier(p.name) ? p.name.text : p.name.getText(sourceFile),
          optional: p.questionToken !== undefined || p.initializer !== undefined,
          hasDefault: p.initializer !== undefined,
          type: describer.parameterType(p),
        };
        if (p.dotDotDotToken) param.shape = 'rest';
        else if (!ts.isIdentifier(p.name)) param.shape = 'destructured';
        return param;
      });
      const meta: MethodMetadata = {
        version: METADATA_VERSION,
        params,
        returns: describer.returnType(method),
        doc: docOf(method),
        source: location(method.name),
        codeVersion: methodCodeVersion(ts, method, sourceFile),
      };
      const withDefaults = argumentsEcho(method);
      if (withDefaults) (meta as unknown as Record<string, Emittable>).withDefaults = withDefaults;
      return meta;
    };

    /**
     * `function (a, b = 2, c = a * 10) { return [a, b, c]; }`: the method's
     * parameter list around a body that returns it. The initializers are the
     * method's own nodes, so imports and names resolve as they do in the method.
     */
    const argumentsEcho = (method: TS.MethodDeclaration): TS.Expression | undefined => {
      const { parameters } = method;
      if (!parameters.some((p) => p.initializer) || !parameters.every((p) => ts.isIdentifier(p.name) && !p.dotDotDotToken)) return undefined;
      if (parameters.some((p) => p.initializer && readsClassPrivates(p.initializer))) return undefined;
      const names = parameters.map((p) => (p.name as TS.Identifier).text);
      return f.createFunctionExpression(
        undefined, undefined, undefined, undefined,
        parameters.map((p, i) => f.createParameterDeclaration(undefined, undefined, f.createIdentifier(names[i]), undefined, undefined, p.initializer)),
        undefined,
        f.createBlock([f.createReturnStatement(f.createArrayLiteralExpression(names.map((n) => f.createIdentifier(n))))]),
      );
    };

    /** `super.x` and `this.#x` mean something only inside the class body, where the echo cannot live. */
    const readsClassPrivates = (node: TS.Node): boolean =>
      node.kind === ts.SyntaxKind.SuperKeyword || ts.isPrivateIdentifier(node) || (ts.forEachChild(node, readsClassPrivates) ?? false);

    const classMetadata = (cls: TS.ClassDeclaration): Emittable => {
      const className = cls.name?.text ?? 'default';
      const modifiers = ts.getModifiers(cls) ?? [];
      const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      const meta: Omit<ClassMetadata, 'modulePath'> & { modulePath: Emittable } = {
        version: METADATA_VERSION,
        className,
        exportName: exported ? (isDefault ? 'default' : className) : undefined,
        // The compiled file's own path, known only when it runs.
        modulePath: esm
          ? f.createPropertyAccessExpression(f.createMetaProperty(ts.SyntaxKind.ImportKeyword, f.createIdentifier('meta')), 'url')
          : f.createConditionalExpression(
            f.createBinaryExpression(f.createTypeOfExpression(f.createIdentifier('__filename')), ts.SyntaxKind.ExclamationEqualsEqualsToken, f.createStringLiteral('undefined')),
            undefined, f.createIdentifier('__filename'), undefined, f.createIdentifier('undefined')),
        doc: docOf(cls),
        source: location(cls.name ?? cls),
      };
      return meta as unknown as Emittable;
    };

    const visitClassMember = (member: TS.ClassElement): TS.ClassElement => {
      if (!ts.isMethodDeclaration(member) || !isNodeMethod(ts, member)) return member;
      const decorator = metadataDecorator(NODE_METADATA_KEY, methodMetadata(member) as unknown as Emittable);
      return f.updateMethodDeclaration(
        member, [decorator, ...(member.modifiers ?? [])], member.asteriskToken, member.name,
        member.questionToken, member.typeParameters, member.parameters, member.type, member.body,
      );
    };

    const visit = (node: TS.Node): TS.Node => {
      if (ts.isClassDeclaration(node) && isDataflowClass(ts, node)) {
        const decorator = metadataDecorator(CLASS_METADATA_KEY, classMetadata(node));
        return f.updateClassDeclaration(
          node, [decorator, ...(node.modifiers ?? [])], node.name, node.typeParameters,
          node.heritageClauses, node.members.map(visitClassMember),
        );
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitEachChild(sourceFile, visit, context);
  };
}

function isTsNode(value: object): value is TS.Expression {
  return typeof (value as { kind?: unknown }).kind === 'number' && 'flags' in value;
}

/** Whether this file is emitted as an ES module (so `import.meta.url` is its path). */
function isEsmOutput(ts: typeof TS, program: TS.Program, sourceFile: TS.SourceFile): boolean {
  const format = sourceFile.impliedNodeFormat;
  if (format !== undefined) return format === ts.ModuleKind.ESNext;
  const module = program.getCompilerOptions().module ?? ts.ModuleKind.CommonJS;
  return module >= ts.ModuleKind.ES2015 && module <= ts.ModuleKind.ESNext;
}
