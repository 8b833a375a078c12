import { createHash } from 'node:crypto';
import {
  Builder, checkOutput, dataflow, extractColumns, HamiltonError, InvalidRequestError, MissingInputsError, tag, UnknownNodeError,
  type Column, type Table,
} from 'hamilton-ts';
import * as aq from 'arquero';

@dataflow()
class Steps {
  /** How many steps to take. */
  steps(numberOfSteps: number): number {
    return numberOfSteps;
  }

  @tag({ team: 'core', stage: ['a', 'b'] })
  stepSquared(steps: number, power = 2): number {
    return steps ** power;
  }

  final(stepSquared: number, steps: number, label?: string): string {
    return `${label ?? ''}${stepSquared + steps}`;
  }

  unrelated(other: number): number {
    return other;
  }
}

const file = 'test/driver/export-execution.test.ts';
const line = (cls: Function, method: string): number => Reflect.getMetadata('hamilton:node', cls.prototype, method).source.line;
/** The documented code version: the first 16 hex digits of the sha256 of the method's source text. */
const version = (cls: { prototype: object }, method: string) =>
  createHash('sha256').update(String((cls.prototype as Record<string, Function>)[method])).digest('hex').slice(0, 16);

const dr = new Builder().withModules(Steps).withConfig({ power: 3 }).build();

describe('Driver.exportExecution', () => {
  // Hamilton's test_export_execution: the whole document for one request, nodes sorted by name.
  test('lists every node and input on the execution path, sorted by name, as Hamilton does', () => {
    expect(dr.exportExecution(['final'], { inputs: { numberOfSteps: 4 } })).toEqual({
      nodes: [
        {
          name: 'final', tags: {}, outputType: 'string', requiredDependencies: ['stepSquared', 'steps'], optionalDependencies: ['label'],
          documentation: '', source: { file, line: line(Steps, 'final') }, version: version(Steps, 'final'), isExternalInput: false, providedBy: null,
        },
        {
          name: 'label', tags: {}, outputType: 'string', requiredDependencies: [], optionalDependencies: [],
          documentation: '', source: null, version: 'label', isExternalInput: true, providedBy: null,
        },
        {
          name: 'numberOfSteps', tags: {}, outputType: 'number', requiredDependencies: [], optionalDependencies: [],
          documentation: '', source: null, version: 'numberOfSteps', isExternalInput: true, providedBy: 'inputs',
        },
        {
          name: 'power', tags: {}, outputType: 'number', requiredDependencies: [], optionalDependencies: [],
          documentation: '', source: null, version: 'power', isExternalInput: true, providedBy: 'config',
        },
        {
          name: 'stepSquared', tags: { team: 'core', stage: ['a', 'b'] }, outputType: 'number', requiredDependencies: ['steps'], optionalDependencies: ['power'],
          documentation: '', source: { file, line: line(Steps, 'stepSquared') }, version: version(Steps, 'stepSquared'), isExternalInput: false, providedBy: null,
        },
        {
          name: 'steps', tags: {}, outputType: 'number', requiredDependencies: ['numberOfSteps'], optionalDependencies: [],
          documentation: 'How many steps to take.', source: { file, line: line(Steps, 'steps') }, version: version(Steps, 'steps'), isExternalInput: false, providedBy: null,
        },
      ],
    });
  });

  test('is plain JSON: it survives JSON.stringify unchanged, and the same request gives the same text', () => {
    const exported = dr.exportExecution(['final'], { inputs: { numberOfSteps: 4 } });
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    // Values never appear: another value of the same input gives the same text.
    expect(JSON.stringify(dr.exportExecution(['final'], { inputs: { numberOfSteps: 9 } }))).toBe(JSON.stringify(exported));
    expect(exported.nodes.map((n) => n.version)).toEqual([...new Set(exported.nodes.map((n) => n.version))]);
  });

  test('an override cuts off what only it needed, and is marked as provided', () => {
    const exported = dr.exportExecution(['final'], { overrides: { steps: 2 } });
    expect(exported.nodes.map((n) => [n.name, n.providedBy])).toEqual([
      ['final', null], ['label', null], ['power', 'config'], ['stepSquared', null], ['steps', 'overrides'],
    ]);
  });

  test('decorated nodes carry the version of the method they came from', () => {
    @dataflow()
    class Frames {
      @extractColumns('spend')
      @checkOutput({ allowNull: false })
      frame(): Table {
        return aq.table({ spend: [1, 2] });
      }

      doubled(spend: Column<number>): Column<number> {
        return spend.map((v) => v * 2);
      }
    }
    const nodes = new Builder().withModules(Frames).build().exportExecution(['doubled']).nodes;
    expect(nodes.map((n) => n.name)).toEqual(['doubled', 'frame', 'frame.check', 'frame.raw', 'spend']);
    expect(nodes.filter((n) => n.name.startsWith('frame') || n.name === 'spend').every((n) => n.version === version(Frames, 'frame'))).toBe(true);
    expect(nodes[0].version).toBe(version(Frames, 'doubled'));
  });

  test('checks the request as execute does: missing inputs, unknown names, bad arguments', () => {
    expect(() => dr.exportExecution(['final'])).toThrow(MissingInputsError);
    expect(() => dr.exportExecution(['final'], { inputs: aq.table({ numberOfSteps: [4] }) })).toThrow("input 'numberOfSteps' is an array of 1 values");
    expect(() => dr.exportExecution(['finall'], { inputs: { numberOfSteps: 1 } })).toThrow(UnknownNodeError);
    expect(() => dr.exportExecution('final' as unknown as string[])).toThrow(InvalidRequestError);
    expect(() => dr.exportExecution(['final'], { inputs: { numberOfSteps: 1 }, timeoutMs: 5 } as never)).toThrow(HamiltonError);
    expect(() => dr.exportExecution(['final'], { inputs: { numberOfSteps: 1 }, timeoutMs: 5 } as never)).toThrow(
      "exportExecution(outputs, options): options has 'timeoutMs', which exportExecution does not take: it takes inputs, overrides",
    );
  });
});
