/**
 * Recovers parameter names from a function's source, for classes compiled
 * without the transformer (tsx, esbuild, swc, plain tsc). Types cannot be
 * recovered; names and default values can.
 */
export interface RecoveredParameter {
  name: string;
  hasDefault: boolean;
}

export class UnsupportedParameterError extends Error {}

/** Parameters that name no single dependency. */
export type UnsupportedShape = 'destructured' | 'rest';

export function unsupportedParameterMessage(shape: UnsupportedShape, text: string): string {
  return shape === 'rest'
    ? `rest parameter \`${text}\` cannot be wired by name: declare one parameter per dependency`
    : `destructured parameter \`${text}\` has no name to wire by: take the whole value as one named parameter and destructure inside the method`;
}

export function recoverParameters(fn: Function): RecoveredParameter[] {
  const source = Function.prototype.toString.call(fn);
  const open = source.indexOf('(');
  if (open < 0) throw new UnsupportedParameterError('cannot find the parameter list in the compiled source');
  return splitTopLevel(source, open).map((text) => {
    if (text.startsWith('{') || text.startsWith('[')) throw new UnsupportedParameterError(unsupportedParameterMessage('destructured', text));
    if (text.startsWith('...')) throw new UnsupportedParameterError(unsupportedParameterMessage('rest', text));
    const eq = text.indexOf('=');
    const name = (eq < 0 ? text : text.slice(0, eq)).trim();
    if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name)) {
      throw new UnsupportedParameterError(`cannot read a parameter name from \`${text}\``);
    }
    return { name, hasDefault: eq >= 0 };
  });
}

/** The comma-separated entries between the parenthesis at `open` and its partner, comments left out. */
function splitTopLevel(source: string, open: number): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
      const end = source[i + 1] === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2) + 1;
      i = end <= 0 ? source.length : end;
      current += ' ';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(source, i);
      current += source.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth === 1) continue;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        parts.push(current);
        break;
      }
    } else if (c === ',' && depth === 1) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function skipString(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
  }
  return source.length;
}
