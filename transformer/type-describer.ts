import type * as TS from 'typescript';
import type { TypeDescriptor } from '../runtime/contract/type-descriptor';

const TYPED_ARRAYS = new Set([
  'Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Int16Array', 'Uint16Array',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'BigInt64Array', 'BigUint64Array',
]);
const TABLE_NAMES = new Set(['Table', 'ColumnTable']);
/** Deep enough for any record a node returns; guards against recursive types. */
const MAX_DEPTH = 4;

/**
 * Turns what the type checker knows of a parameter or return type into a
 * TypeDescriptor. The `Column<T>` alias is recognised from the written type
 * node, because the checker resolves the alias away.
 */
export class TypeDescriber {
  constructor(
    private readonly ts: typeof TS,
    private readonly checker: TS.TypeChecker,
  ) {}

  /** A parameter's declared type, or the checker's inference when it has none (`x = 1`). */
  parameterType(param: TS.ParameterDeclaration): TypeDescriptor {
    return this.describeNode(param.type, this.checker.getTypeAtLocation(param));
  }

  /** What a method returns, `Promise<T>` unwrapped: the node's type. */
  returnType(method: TS.MethodDeclaration): TypeDescriptor {
    const signature = this.checker.getSignatureFromDeclaration(method);
    return this.describeNode(method.type, signature && this.checker.getReturnTypeOfSignature(signature), true);
  }

  describeNode(node: TS.TypeNode | undefined, fallback: TS.Type | undefined, unwrapPromise = false): TypeDescriptor {
    if (node) {
      const fromSyntax = this.describeSyntax(node, unwrapPromise);
      if (fromSyntax) return fromSyntax;
      return this.describe(this.checker.getTypeFromTypeNode(node), unwrapPromise);
    }
    return fallback ? this.describe(fallback, unwrapPromise) : { kind: 'unknown' };
  }

  /** `Column<T>`, `Promise<Column<T>>`, tuples of them, and aliases the checker would erase. */
  private describeSyntax(node: TS.TypeNode, unwrapPromise: boolean): TypeDescriptor | undefined {
    const ts = this.ts;
    if (ts.isTupleTypeNode(node)) return this.describeTupleSyntax(node);
    if (!ts.isTypeReferenceNode(node)) return undefined;
    const { name, resolved } = this.referencedName(node);
    const args = node.typeArguments ?? ts.factory.createNodeArray<TS.TypeNode>();
    if (name === 'Column' || name === 'Parallelizable' || name === 'Collect') {
      const kind = name === 'Column' ? 'column' : name === 'Parallelizable' ? 'parallelizable' : 'collect';
      return { kind, element: args[0] ? this.describeNode(args[0], undefined) : { kind: 'unknown' } };
    }
    if (unwrapPromise && name === 'Promise' && args[0]) return this.describeNode(args[0], undefined);
    if (name === 'Table' && args[0]) return this.describeTableSyntax(node, args[0]);
    if (!resolved && TABLE_NAMES.has(name)) return { kind: 'table' };
    return undefined;
  }

  /** `Table<{ spend: number }>`: a table whose columns hold those element types (the alias itself erases them). */
  private describeTableSyntax(node: TS.TypeReferenceNode, columnsNode: TS.TypeNode): TypeDescriptor | undefined {
    // Another generic type named Table is not an Arquero table: the checker decides.
    if (this.describe(this.checker.getTypeFromTypeNode(node)).kind !== 'table') return undefined;
    const columns = this.describeNode(columnsNode, undefined);
    return columns.kind === 'record' && columns.fields ? { kind: 'table', columns: columns.fields } : { kind: 'table' };
  }

  /** `[A, B]`, `[a: A, b?: B]`, `[A, ...B[]]`; undefined for a rest in the middle (`[A, ...B[], C]`). */
  private describeTupleSyntax(node: TS.TupleTypeNode): TypeDescriptor | undefined {
    const ts = this.ts;
    const elements: TypeDescriptor[] = [];
    let rest: TypeDescriptor | undefined;
    for (const member of node.elements) {
      if (rest) return undefined;
      const named = ts.isNamedTupleMember(member);
      let type = named ? member.type : member;
      const isRest = (named && member.dotDotDotToken !== undefined) || ts.isRestTypeNode(type);
      if (ts.isRestTypeNode(type) || ts.isOptionalTypeNode(type)) type = type.type;
      if (!isRest) {
        elements.push(this.describeNode(type, undefined));
        continue;
      }
      if (!ts.isArrayTypeNode(type)) return undefined;
      rest = this.describeNode(type.elementType, undefined);
    }
    return rest ? { kind: 'tuple', elements, rest } : { kind: 'tuple', elements };
  }

  /**
   * The declared name behind a type reference, through import aliases
   * (`import { Column as Col }`); the written name when the checker cannot
   * resolve the import (it then answers with its "unknown" symbol).
   */
  private referencedName(node: TS.TypeReferenceNode): { name: string; resolved: boolean } {
    const ts = this.ts;
    const identifier = ts.isIdentifier(node.typeName) ? node.typeName : node.typeName.right;
    let symbol = this.checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const resolved = (symbol?.declarations?.length ?? 0) > 0;
    return { name: resolved ? symbol!.getName() : identifier.text, resolved };
  }

  describe(type: TS.Type, unwrapPromise = false, depth = 0): TypeDescriptor {
    const ts = this.ts;
    if (unwrapPromise) type = this.checker.getAwaitedType(type) ?? type;
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return { kind: 'unknown' };
    if (f & ts.TypeFlags.Boolean) return { kind: 'boolean' };
    if (f & ts.TypeFlags.Union) return this.describeUnion(type as TS.UnionType, depth);
    if (f & ts.TypeFlags.NumberLiteral) return { kind: 'literal', value: (type as TS.NumberLiteralType).value };
    if (f & ts.TypeFlags.StringLiteral) return { kind: 'literal', value: (type as TS.StringLiteralType).value };
    if (f & ts.TypeFlags.BooleanLiteral) return { kind: 'literal', value: this.checker.typeToString(type) === 'true' };
    if (f & (ts.TypeFlags.Number | ts.TypeFlags.Enum | ts.TypeFlags.EnumLiteral)) return { kind: 'number' };
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { kind: 'string' };
    if (f & (ts.TypeFlags.BigInt | ts.TypeFlags.BigIntLiteral)) return { kind: 'bigint' };
    if (f & ts.TypeFlags.Null) return { kind: 'null' };
    if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return { kind: 'undefined' };
    if (type.aliasSymbol?.getName() === 'Column' && type.aliasTypeArguments?.[0]) {
      return { kind: 'column', element: this.describe(type.aliasTypeArguments[0], false, depth + 1) };
    }
    if (f & ts.TypeFlags.Object) return this.describeObject(type as TS.ObjectType, depth);
    return { kind: 'unknown' };
  }

  private describeUnion(type: TS.UnionType, depth: number): TypeDescriptor {
    const options: TypeDescriptor[] = [];
    const seen = new Set<string>();
    let sawTrue = false;
    let sawFalse = false;
    for (const member of type.types) {
      const d = this.describe(member, false, depth + 1);
      if (d.kind === 'literal' && typeof d.value === 'boolean') {
        if (d.value) sawTrue = true;
        else sawFalse = true;
      }
      const key = JSON.stringify(d);
      if (!seen.has(key)) {
        seen.add(key);
        options.push(d);
      }
    }
    // `boolean` is `true | false` to the checker; give it back its name.
    const merged = sawTrue && sawFalse
      ? [...options.filter((o) => !(o.kind === 'literal' && typeof o.value === 'boolean')), { kind: 'boolean' } as TypeDescriptor]
      : options;
    if (merged.some((o) => o.kind === 'unknown')) return { kind: 'unknown' };
    return merged.length === 1 ? merged[0] : { kind: 'union', options: merged };
  }

  /** A tuple the checker inferred or resolved from an alias; one with a rest in the middle is an array of unknown. */
  private describeTuple(type: TS.TupleTypeReference, depth: number): TypeDescriptor {
    const ts = this.ts;
    const args = this.checker.getTypeArguments(type);
    const flags = type.target.elementFlags;
    const variable = ts.ElementFlags.Rest | ts.ElementFlags.Variadic;
    const restAt = flags.findIndex((f) => (f & variable) !== 0);
    if (restAt >= 0 && (restAt !== flags.length - 1 || (flags[restAt] & ts.ElementFlags.Variadic) !== 0)) {
      return { kind: 'array', element: { kind: 'unknown' } };
    }
    const described = args.map((a) => this.describe(a, false, depth + 1));
    return restAt >= 0
      ? { kind: 'tuple', elements: described.slice(0, restAt), rest: described[restAt] }
      : { kind: 'tuple', elements: described };
  }

  /**
   * An interface the project declares (not a class, not one from a library's
   * `.d.ts` such as `Map`): a shape like an object literal type, so it is
   * described by its fields, for @extractFields and type checks.
   */
  private isOwnInterface(type: TS.ObjectType): boolean {
    const ts = this.ts;
    const symbol = type.getSymbol();
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Interface) || symbol.flags & ts.SymbolFlags.Class) return false;
    const declarations = symbol.declarations ?? [];
    return declarations.length > 0 && declarations.every((d) => !d.getSourceFile().isDeclarationFile);
  }

  private describeObject(type: TS.ObjectType, depth: number): TypeDescriptor {
    const ts = this.ts;
    const checker = this.checker;
    const name = type.getSymbol()?.getName() ?? '';
    if (TYPED_ARRAYS.has(name)) {
      return { kind: 'array', typed: name, element: { kind: name.startsWith('Big') ? 'bigint' : 'number' } };
    }
    if (checker.isTupleType(type)) return this.describeTuple(type as TS.TupleTypeReference, depth);
    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type as TS.TypeReference);
      return { kind: 'array', element: this.describe(element, false, depth + 1) };
    }
    if (name === 'Date') return { kind: 'date' };
    if (name === 'Column' || name === 'Parallelizable' || name === 'Collect') {
      const kind = name === 'Column' ? 'column' : name === 'Parallelizable' ? 'parallelizable' : 'collect';
      const [element] = checker.getTypeArguments(type as TS.TypeReference);
      return { kind, element: element ? this.describe(element, false, depth + 1) : { kind: 'unknown' } };
    }
    if (TABLE_NAMES.has(name) && type.getProperty('columnNames')) return { kind: 'table' };
    if (type.getCallSignatures().length > 0) return { kind: 'function' };
    const isAnonymous = (type.objectFlags & (ts.ObjectFlags.Anonymous | ts.ObjectFlags.Mapped)) !== 0
      || name === '__type' || name === '__object' || name === '';
    if (!isAnonymous && !this.isOwnInterface(type)) return { kind: 'object', name };
    if (depth >= MAX_DEPTH) return { kind: 'record' };
    const indexType = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    if (indexType) return { kind: 'record', values: this.describe(indexType, false, depth + 1) };
    const fields: Record<string, TypeDescriptor> = {};
    for (const prop of checker.getPropertiesOfType(type)) {
      const declaration = prop.valueDeclaration ?? prop.declarations?.[0];
      const propType = declaration
        ? checker.getTypeOfSymbolAtLocation(prop, declaration)
        : checker.getDeclaredTypeOfSymbol(prop);
      fields[prop.getName()] = this.describe(propType, false, depth + 1);
    }
    return { kind: 'record', fields };
  }
}
