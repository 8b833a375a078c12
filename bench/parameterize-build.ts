import { dataflow } from '../decorators/dataflow';
import { parameterizeValues } from '../decorators/parameterize';
import { Builder } from '../runtime/driver/builder';
import { wide } from './generated-dataflows';
import { compare, fixed, markdownTable, runIfMain, us } from './timing';

/**
 * Graph build for a module where one `@parameterizeValues` method expands
 * into 10,000 nodes, beside a generated module of 10,000 plain methods of the
 * same shape (each reads one input): the price of expansion per node.
 */

const N = 10_000;

@dataflow()
class Shards {
  @parameterizeValues('shard', Object.fromEntries(Array.from({ length: N }, (_, i) => [`shard${i}`, i])))
  shardTotal(x: number, shard: number): number {
    return x + shard;
  }
}

export async function main(): Promise<string> {
  const plain = wide(N).module;
  const { ms, ratio } = await compare([
    () => new Builder().withModules(plain).build(),
    () => new Builder().withModules(Shards).build(),
  ], { rounds: 15, sampleMs: 50, gc: true });
  const nodes = new Builder().withModules(Shards).build().listAvailableVariables().filter((v) => !v.isExternalInput).length;
  return [
    `### Graph build with @parameterize (${nodes.toLocaleString('en')} generated nodes)`,
    '',
    markdownTable(['module', 'build (ms)', 'µs per node'], [
      [`${N.toLocaleString('en')} plain methods`, fixed(ms[0]), us(ms[0] / N)],
      ['one method, `@parameterizeValues` × 10,000', fixed(ms[1]), us(ms[1] / N)],
    ]),
    '',
    `Expansion costs ${fixed(ratio[1])}× a plain module of the same size.`,
  ].join('\n');
}

runIfMain(module, main);
