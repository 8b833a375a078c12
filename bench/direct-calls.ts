import type { GeneratedDataflow } from './generated-dataflows';

/**
 * Hand-written baselines for the generated dataflows: the very functions the
 * driver runs, called directly in topological order in a loop, every value
 * kept as the driver keeps it, the requested outputs returned by name.
 */
export type Direct = (x: number) => Record<string, number>;

/** A chain, asking for its last node: `c_i = f_i(c_{i-1})`. */
export function chainDirect({ nodes }: GeneratedDataflow): Direct {
  const fns = nodes.map((n) => n.fn);
  const last = nodes[nodes.length - 1].name;
  return (x) => {
    const values = new Array<number>(fns.length);
    let v = x;
    for (let i = 0; i < fns.length; i++) values[i] = v = fns[i](v);
    return { [last]: v };
  };
}

/** Independent nodes reading `x`, asking for all of them. */
export function wideDirect({ nodes }: GeneratedDataflow): Direct {
  const fns = nodes.map((n) => n.fn);
  const names = nodes.map((n) => n.name);
  return (x) => {
    const out: Record<string, number> = {};
    for (let i = 0; i < fns.length; i++) out[names[i]] = fns[i](x);
    return out;
  };
}

/** A fan-in (wide nodes, then `sink` of all of them), asking for the sink only. */
export function fanInDirect({ nodes }: GeneratedDataflow): Direct {
  const fns = nodes.slice(0, -1).map((n) => n.fn);
  const sink = nodes[nodes.length - 1].fn;
  return (x) => {
    const values = new Array<number>(fns.length);
    for (let i = 0; i < fns.length; i++) values[i] = fns[i](x);
    return { sink: sink(...values) };
  };
}
