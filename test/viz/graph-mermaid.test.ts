import { Builder, PictureOptionError } from 'hamilton-ts';
import { MarketingSpend } from '../../examples/marketing/features';
import { Pipeline } from '../fixtures/viz/pipeline';

const dr = new Builder().withModules(MarketingSpend).build();

describe('toMermaid', () => {
  test('a flowchart with a node per name, types escaped, an edge per dependency, shapes by kind', () => {
    const text = dr.toMermaid({ legend: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    const idOf = (name: string) => lines.find((l) => l.includes(`"${name}<br/>`))?.trim().match(/^(n\d+)/)?.[1];
    expect(lines).toContain(`  ${idOf('spendMean')}("spendMean<br/><i>number</i>")`);
    expect(lines).toContain(`  ${idOf('spend')}[/"spend<br/><i>Column#lt;number#gt;</i>"/]`);
    expect(lines).toContain(`  ${idOf('acquisitionCost.check')}{{"acquisitionCost.check<br/><i>CheckResult[]</i>"}}`);
    expect(lines).toContain(`  ${idOf('spendMean')} --> ${idOf('spendZeroMean')}`);
    expect(lines.filter((l) => l.includes('-->'))).toHaveLength(11);
    expect(lines).toContain(`  style ${idOf('spend')} fill:#ffffff,stroke:#4a5568,stroke-width:1px,stroke-dasharray:5 5`);
    expect(text).not.toContain('subgraph legend');
  });

  test('what the outputs need, outputs filled, orientation, a legend, optional edges dotted', () => {
    const pipeline = new Builder().withModules(Pipeline).withConfig({ region: 'eu', rate: 1 }).build();
    const text = pipeline.toMermaid({ outputs: ['meanSpend'], orientation: 'TB' });
    expect(text.startsWith('flowchart TB\n')).toBe(true);
    expect(text).not.toContain('saved');
    const lines = text.split('\n');
    const idOf = (name: string) => lines.find((l) => l.includes(`"${name}<br/>`))?.trim().match(/^(n\d+)/)?.[1];
    expect(lines).toContain(`  style ${idOf('meanSpend')} fill:#ffd98a,stroke:#4a5568,stroke-width:2px`);
    expect(lines).toContain(`  ${idOf('digits')} -.-> ${idOf('rounded')}`);
    expect(lines).toContain(`  ${idOf('rawSpend')}[("rawSpend<br/><i>Column#lt;number#gt;</i>")]`);
    expect(text).toContain('[when(region=#quot;eu#quot;)]');
    expect(text).toContain('subgraph legend [Legend]');
    expect(text).toContain('"config-chosen variant"');
  });

  test('a path or format is refused: toMermaid returns text', () => {
    expect(() => dr.toMermaid({ path: 'x.mmd' } as never)).toThrow(PictureOptionError);
    expect(() => dr.toMermaid({ orientation: 'up' as never })).toThrow("toMermaid: option 'orientation' is \"up\": expected one of LR, TB, RL, BT");
  });
});
