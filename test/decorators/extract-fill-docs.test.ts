import * as aq from 'arquero';
import { Builder, dataflow, DecoratorError, extractColumns, extractFields, RecordResult, type Table } from 'hamilton-ts';

@dataflow()
class Filled {
  /** The raw frame. */
  @extractColumns('col1', ['col2', 'Filled in when the frame lacks it.'], { fill: 3 })
  frame(): Table {
    return aq.table({ col1: [1, 2] });
  }

  /** The filtered frame. */
  @extractColumns('kept', 'extra', { fill: 0 })
  filtered(): Table {
    return aq.table({ kept: [1, 2, 3] }).filter((d: { kept: number }) => d.kept > 1);
  }

  /** The metrics. */
  @extractFields({ accuracy: 'number', recall: 'number' }, { fill: 0, docs: { recall: 'Recall, 0 when not measured.' } })
  metrics(): Record<string, number> {
    return { accuracy: 0.9 };
  }

  /** The pair. */
  @extractFields('left', 'right', { fill: null })
  pair(): { left: number; right?: number } {
    return { left: 1 };
  }
}

const dr = new Builder().withModules(Filled).withResultBuilder(new RecordResult()).build();
const doc = (name: string) => dr.listAvailableVariables().find((v) => v.name === name)!.doc;

describe('fill (Hamilton\'s fill_with)', () => {
  test('@extractColumns fills a missing column in the table, for every row, and extracts it', async () => {
    const result = await dr.execute(['col1', 'col2', 'frame', 'kept', 'extra']);
    expect(result.col1).toEqual([1, 2]);
    expect(Array.from(result.col2 as number[])).toEqual([3, 3]);
    expect((result.frame as Table).columnNames()).toEqual(['col1', 'col2']);
    expect(Array.from(result.kept as number[])).toEqual([2, 3]);
    expect(Array.from(result.extra as number[])).toEqual([0, 0]);
  });

  test('@extractFields fills a missing field, in the record too', async () => {
    expect(await dr.execute(['accuracy', 'recall', 'metrics', 'left', 'right'])).toEqual({
      accuracy: 0.9, recall: 0, metrics: { accuracy: 0.9, recall: 0 }, left: 1, right: null,
    });
  });
});

describe('docs of the extracted nodes', () => {
  test("default to the method's doc; a column's [name, doc] or a field's docs entry give their own", () => {
    expect([doc('col1'), doc('col2'), doc('accuracy'), doc('recall'), doc('left')]).toEqual([
      'The raw frame.', 'Filled in when the frame lacks it.', 'The metrics.', 'Recall, 0 when not measured.', 'The pair.',
    ]);
  });

  test('a doc for a field that is not extracted is an error at graph build', () => {
    @dataflow()
    class Stray {
      @extractFields('a', { docs: { b: 'no such field' } })
      one(): { a: number } {
        return { a: 1 };
      }
    }
    expect(() => new Builder().withModules(Stray).build()).toThrow(
      new DecoratorError('Stray', 'one', 'extractFields', "documents 'b', which it does not extract"),
    );
  });
});

test('a missing field named like an Object method is missing (filled, or a MissingFieldError), never the inherited method', async () => {
  @dataflow()
  class Inherited {
    @extractFields('toString', 'constructor', { fill: 0 })
    filled(): Record<string, number> {
      return {};
    }

    @extractFields('valueOf')
    unfilled(): Record<string, number> {
      return {};
    }
  }
  const dr = new Builder().withModules(Inherited).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['toString', 'constructor'])).toEqual({ toString: 0, constructor: 0 });
  await expect(dr.execute(['valueOf'])).rejects.toThrow(/valueOf/);
  const error = await dr.execute(['valueOf']).catch((e: Error) => e);
  expect((error as Error & { cause: Error }).cause.name).toBe('MissingFieldError');
});
