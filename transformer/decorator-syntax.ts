import type * as TS from 'typescript';

/** A decorator's name as written: `parameterize` for `@parameterize(...)`, `when` for `@config.when(...)`. */
export function decoratorName(ts: typeof TS, d: TS.Decorator): string {
  const callee = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** The arguments a decorator was called with (none for a bare `@name`). */
export function decoratorArguments(ts: typeof TS, d: TS.Decorator): readonly TS.Expression[] {
  return ts.isCallExpression(d.expression) ? d.expression.arguments : [];
}

/** A property's name as a plain string, when it is written as one (`a`, `'a.b'`, `1`). */
export function propertyName(ts: typeof TS, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** The properties of an object literal written out (`{ a: 1, 'b': 2 }`), or undefined when it has spreads or computed keys. */
export function literalProperties(ts: typeof TS, e: TS.Expression): { name: string; at: TS.PropertyName; value: TS.Expression }[] | undefined {
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  const out: { name: string; at: TS.PropertyName; value: TS.Expression }[] = [];
  for (const p of e.properties) {
    if (ts.isPropertyAssignment(p)) {
      const name = propertyName(ts, p.name);
      if (name === undefined) return undefined;
      out.push({ name, at: p.name, value: p.initializer });
    } else if (ts.isShorthandPropertyAssignment(p)) {
      out.push({ name: p.name.text, at: p.name, value: p.name });
    } else {
      return undefined;
    }
  }
  return out;
}

/** The callee name of a call (`group` for `group(...)` or `h.group(...)`). */
export function calleeName(ts: typeof TS, e: TS.Expression): string | undefined {
  if (!ts.isCallExpression(e)) return undefined;
  const callee = e.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}
