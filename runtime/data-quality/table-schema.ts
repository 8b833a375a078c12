import { schemaUnsuitable } from '../contract/check-applicability';
import { isTable, tableColumns } from '../values/values';
import type { Verdict } from './check-result';
import type { CheckSpec, TableSchema } from './check-spec';
import { ValidationContext, type Validator } from './validator';

/**
 * A table's schema: required columns present, no unexpected ones (if so
 * asked), and each column's type and checks, reported column by column.
 */
export function schemaValidator(
  schema: TableSchema,
  validatorsFor: (spec: CheckSpec) => Validator[],
  problemsOf: (spec: CheckSpec) => string[],
): Validator {
  const perColumn = Object.entries(schema.columns).map(([name, column]) => {
    const spec: CheckSpec = { ...column.checks, ...(column.type ? { dataType: column.type } : {}) };
    const problems = problemsOf(spec);
    if (problems.length) throw new RangeError(`schema column '${name}': ${problems.join('; ')}`);
    return { name, required: column.required !== false, validators: validatorsFor(spec) };
  });
  const declared = new Set(perColumn.map((c) => c.name));
  return {
    name: 'schema',
    description: `table schema: ${perColumn.map((c) => c.name + (c.required ? '' : '?')).join(', ')}`,
    unsuitableFor: schemaUnsuitable,
    validate(value): Verdict {
      if (!isTable(value)) return { passed: false, message: `expected a table, got ${typeof value}` };
      // Maps, not `name in {}`: a column named `constructor` or `toString` is no inherited member.
      const columns = new Map(Object.entries(tableColumns(value)));
      const present = [...columns.keys()];
      const failures: string[] = [];
      const byColumn: Record<string, unknown> = {};
      const missing = perColumn.filter((c) => c.required && !columns.has(c.name)).map((c) => c.name);
      if (missing.length) failures.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
      const extra = schema.allowExtraColumns === false ? present.filter((name) => !declared.has(name)) : [];
      if (extra.length) failures.push(`unexpected column${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`);
      for (const column of perColumn) {
        const values = columns.get(column.name);
        if (values === undefined) continue;
        const context = ValidationContext.for(column.validators);
        const verdicts = column.validators.map((v) => ({ check: v.name, ...v.validate(values, context.forValidator(v)) }));
        byColumn[column.name] = verdicts;
        for (const v of verdicts.filter((x) => !x.passed)) failures.push(`${column.name}: ${v.message}`);
      }
      const figures = { columns: present, missing, extra, byColumn };
      return failures.length
        ? { passed: false, message: failures.join('; '), figures }
        : { passed: true, message: `${perColumn.length} columns match the schema`, figures };
    },
  };
}
