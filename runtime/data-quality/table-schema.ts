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
  return {
    name: 'schema',
    description: `table schema: ${perColumn.map((c) => c.name + (c.required ? '' : '?')).join(', ')}`,
    unsuitableFor: schemaUnsuitable,
    validate(value): Verdict {
      if (!isTable(value)) return { passed: false, message: `expected a table, got ${typeof value}` };
      const columns = tableColumns(value);
      const present = Object.keys(columns);
      const failures: string[] = [];
      const byColumn: Record<string, unknown> = {};
      const missing = perColumn.filter((c) => c.required && !(c.name in columns)).map((c) => c.name);
      if (missing.length) failures.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
      const extra = schema.allowExtraColumns === false ? present.filter((name) => !(name in schema.columns)) : [];
      if (extra.length) failures.push(`unexpected column${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`);
      for (const column of perColumn) {
        if (!(column.name in columns)) continue;
        const context = ValidationContext.for(column.validators);
        const verdicts = column.validators.map((v) => ({ check: v.name, ...v.validate(columns[column.name], context) }));
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
