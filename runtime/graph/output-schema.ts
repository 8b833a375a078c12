/**
 * A node's declared output schema (`@schema.output`), kept as Hamilton keeps
 * it: one tag, `name=type` pairs joined by commas, so listings, drawings and
 * any tag query read it without knowing the decorator.
 */
export const SCHEMA_OUTPUT_TAG = 'hamilton.internal.schema_output';

export function formatSchemaTag(columns: readonly (readonly [string, string])[]): string {
  return columns.map(([name, type]) => `${name}=${type}`).join(',');
}

/** The columns and types of a node's schema tag, in order; undefined when it has none. */
export function schemaOf(tags: Readonly<Record<string, string | readonly string[]>>): Record<string, string> | undefined {
  const tag = tags[SCHEMA_OUTPUT_TAG];
  if (typeof tag !== 'string' || tag === '') return undefined;
  return Object.fromEntries(tag.split(',').map((pair) => {
    const at = pair.lastIndexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}
