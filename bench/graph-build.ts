import { Builder } from '../runtime/driver/builder';
import { Driver } from '../runtime/driver/driver';
import { NODE_METADATA_KEY, type MethodMetadata } from '../runtime/contract/node-metadata';
import { chain, wide, type GeneratedDataflow } from './generated-dataflows';
import { compare, fixed, markdownTable, runIfMain, us, verdict } from './timing';

/**
 * Benchmark 1: building the graph of a generated dataflow, per node, with
 * `new Driver({}, M)` and `new Builder().withModules(M).build()`, beside a
 * hand-written builder doing the irreducible work on the same metadata.
 */

const GOAL_US = 3;
const SIZES = [100, 1_000, 10_000];

/** Baseline: read each method's metadata, bind it, index names, order nodes with Kahn's algorithm. */
export function handBuild(module: new () => object): { order: number[]; fns: Function[] } {
  const instance = new module();
  const proto = module.prototype as Record<string, Function>;
  const names = Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor');
  const slot = new Map(names.map((name, i) => [name, i]));
  const fns = names.map((name) => proto[name].bind(instance));
  const dependents: number[][] = names.map(() => []);
  const waiting = new Int32Array(names.length);
  names.forEach((name, i) => {
    for (const { name: dep } of (Reflect.getMetadata(NODE_METADATA_KEY, proto, name) as MethodMetadata).params) {
      const producer = slot.get(dep);
      if (producer === undefined) continue;
      dependents[producer].push(i);
      waiting[i]++;
    }
  });
  const order = names.flatMap((_, i) => (waiting[i] ? [] : [i]));
  for (let k = 0; k < order.length; k++) for (const d of dependents[order[k]]) if (--waiting[d] === 0) order.push(d);
  return { order, fns };
}

async function measure(shape: string, flow: GeneratedDataflow): Promise<(string | number)[]> {
  const { module } = flow;
  const n = flow.nodes.length;
  const { ms, ratio } = await compare([
    () => handBuild(module),
    () => new Driver({}, module),
    () => new Builder().withModules(module).build(),
  ], { rounds: 25, sampleMs: 10, gc: true });
  const [hand, driver, builder] = ms.map((t) => t / n);
  return [shape, n, us(driver), us(builder), us(hand), fixed(ratio[1], 1), verdict(Math.max(driver, builder) * 1000 < GOAL_US)];
}

export async function main(): Promise<string> {
  const rows = [];
  for (const n of SIZES) {
    rows.push(await measure('chain', chain(n)));
    rows.push(await measure('wide', wide(n)));
  }
  return [
    '### 1. Graph build (µs per node, median)',
    '',
    markdownTable(['shape', 'nodes', '`new Driver({}, M)`', '`Builder…build()`', 'hand-built graph', 'Driver / hand', `goal < ${GOAL_US} µs/node`], rows),
    '',
    'Hand-built graph: read the same metadata, bind each method, index names, order with Kahn\'s algorithm (no validation, no type checks).',
  ].join('\n');
}

runIfMain(module, main);
