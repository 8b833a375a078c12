// Type-level tests of the typed driver: compiled by typed-driver.test.ts with tsc,
// which must report nothing. Each `@ts-expect-error` fails the compile (TS2578)
// if the error below it disappears; each Expect<Equal<...>> fails if a type changes.
import { Builder, Driver, RecordResult, dataflow, type Column, type DataflowTypes, type Table } from 'hamilton-ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;

export interface Spend extends DataflowTypes<{ inputs: { spend: Column<number> } }> {}
@dataflow()
export class Spend {
  avg3wkSpend(spend: Column<number>): Column<number> { return spend; }
  async spendMean(spend: Column<number>): Promise<number> { return spend[0]; }
  label__eu(): string { return 'EU'; }
  label__us(): string { return 'US'; }
  private helper(): number { return 1; }
  _alsoHelper(): number { return 2; }
}

/** Inputs and decorator-made nodes declared, as `hamilton-ts generate` or a user writes them. */
export interface Signups extends DataflowTypes<{
  inputs: { signups: Column<number> };
  nodes: { 'acquisitionCost.check': boolean; byRegion_eu: number };
}> {}
@dataflow()
export class Signups {
  acquisitionCost(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> { return avg3wkSpend.map((s, i) => s / signups[i]); }
}

/** No declaration: its inputs are unknown to the type system. */
@dataflow()
export class Undeclared {
  spendMean(spend: Column<number>): number { return spend[0]; }
}

export async function typed(): Promise<void> {
  // Every module declares its inputs: names are exactly the graph's.
  const dr = new Builder().withModules(Spend, Signups).withResultBuilder(new RecordResult()).build();

  const raw = await dr.rawExecute(['avg3wkSpend', 'spendMean', 'label']);
  type _raw = Expect<Equal<typeof raw, { avg3wkSpend: Column<number>; spendMean: number; label: string }>>;

  const record = await dr.execute(['acquisitionCost', 'acquisitionCost.check', 'spend']);
  type _record = Expect<Equal<typeof record, { acquisitionCost: Column<number>; 'acquisitionCost.check': boolean; spend: Column<number> }>>;

  // @ts-expect-error a typo is a compile error
  await dr.execute(['acquisitonCost']);
  // @ts-expect-error so is a helper method's name
  await dr.rawExecute(['helper']);
  // @ts-expect-error and an _-named method's
  dr.validateExecution(['_alsoHelper']);
  // @ts-expect-error a variant's full method name is no node: the node is `label`
  await dr.rawExecute(['label__eu']);

  await dr.execute(['avg3wkSpend'], { inputs: { spend: [1, 2] }, overrides: { spendMean: 3 } });
  // @ts-expect-error an input of the wrong type
  await dr.execute(['avg3wkSpend'], { inputs: { spend: 'a lot' } });
  // @ts-expect-error an input the graph does not have
  await dr.execute(['avg3wkSpend'], { inputs: { spnd: [1] } });
  // @ts-expect-error an override of the wrong type
  await dr.execute(['acquisitionCost'], { overrides: { spendMean: '3' } });

  // The table result builder is untouched.
  const table = await new Builder().withModules(Spend).build().execute(['avg3wkSpend']);
  type _table = Expect<Equal<typeof table, Table>>;

  // Config keys are names too.
  const configured = new Builder().withModules(Spend).withConfig({ region: 'EU' }).build();
  configured.validateExecution(['region', 'label']);
  // @ts-expect-error
  configured.validateExecution(['regoin']);

  // withInputs declares what the classes do not.
  const declared = new Builder().withModules(Undeclared).withInputs<{ spend: Column<number> }>().withResultBuilder(new RecordResult()).build();
  const fromInput = await declared.rawExecute(['spend']);
  type _fromInput = Expect<Equal<typeof fromInput, { spend: Column<number> }>>;
  // @ts-expect-error
  await declared.rawExecute(['signups']);
}

export async function loose(): Promise<void> {
  // Spend's inputs are undeclared: any name may be one of them, known names stay typed.
  const dr = new Builder().withModules(Undeclared).build();
  const raw = await dr.rawExecute(['spendMean', 'spend']);
  type _known = Expect<Equal<typeof raw.spendMean, number>>;
  type _input = Expect<Equal<typeof raw.spend, unknown>>;
  await dr.execute(['anything'], { inputs: { spend: 'checked at run time' } });
}

export async function escapeHatches(names: string[]): Promise<void> {
  const dr = new Builder().withModules(Spend).withResultBuilder(new RecordResult()).build();
  // @ts-expect-error names only known at run time are not the graph's names…
  await dr.rawExecute(names);
  // …but the untyped view takes them.
  const any = await dr.untyped().rawExecute(names);
  type _any = Expect<Equal<(typeof any)[string], unknown>>;
  // The seed's constructor and a Driver<R> annotation stay untyped.
  const seed: Driver<Record<string, unknown>> = new Driver({}, [Spend, Signups], {});
  await seed.rawExecute(['whatever']);
  const annotated: Driver<Table> = new Builder().withModules(Spend).build();
  await annotated.execute(names);
  // Modules typed only as objects make a dynamic graph.
  const modules: object[] = [Spend];
  await new Builder().withModules(...modules).build().execute(names);
}

/** A class with declarations and no methods is typed, not dynamic. */
export interface OnlyInputs extends DataflowTypes<{ inputs: { spend: Column<number> } }> {}
@dataflow()
export class OnlyInputs {}

export function declaredOnly(): void {
  const dr = new Builder().withModules(OnlyInputs).build();
  dr.validateExecution(['spend']);
  // @ts-expect-error
  dr.validateExecution(['spnd']);
}
