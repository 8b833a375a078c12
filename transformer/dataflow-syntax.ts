import type * as TS from 'typescript';

/** `@dataflow()` or `@ns.dataflow()` on a class, recognised by name so the transformer needs no runtime import. */
export function isDataflowClass(ts: typeof TS, node: TS.ClassDeclaration): boolean {
  return (ts.getDecorators(node) ?? []).some((d) => {
    const callee = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    if (ts.isIdentifier(callee)) return callee.text === 'dataflow';
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'dataflow';
  });
}

/**
 * A method that may be a node: public, an instance method, with a plain name.
 * TypeScript's `private`/`protected` vanish at run time, so only the
 * transformer can leave them out; `_names` and `@exclude` are the runtime's.
 */
export function isNodeMethod(ts: typeof TS, member: TS.MethodDeclaration): boolean {
  if (!member.body) return false; // an overload signature
  if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) return false;
  const modifiers = ts.getModifiers(member) ?? [];
  return !modifiers.some((m) =>
    m.kind === ts.SyntaxKind.PrivateKeyword
    || m.kind === ts.SyntaxKind.ProtectedKeyword
    || m.kind === ts.SyntaxKind.StaticKeyword);
}

/** A config variant's node name, as the runtime's `variantBaseName`: what comes before the last `__` (`total__v1__fast` is `total__v1`). */
export function variantBase(methodName: string): string {
  const cut = methodName.lastIndexOf('__');
  return cut > 0 ? methodName.slice(0, cut) : methodName;
}
