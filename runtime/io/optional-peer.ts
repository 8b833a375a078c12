import { MissingPeerDependencyError } from '../executors/distributed/distributed-peers';

/**
 * The optional packages the I/O adapters load on first use, with the range hamilton-ts is
 * tested with (package.json holds the same): Parquet decodes in WebAssembly (~5 MB),
 * DuckDB is a native engine (~70 MB), so neither is loaded unless a run reads or writes one.
 */
export const IO_PEERS = { 'parquet-wasm': '^0.8.0', '@duckdb/node-api': '^1.5.6-r.1' } as const;

export type IoPeer = keyof typeof IO_PEERS;

/** How a package is loaded: `require`, replaced in tests to simulate a missing package. */
export type PeerLoader = (name: string) => unknown;

let load: PeerLoader = (name) => require(name);

/** Replaces how optional packages are loaded (tests simulate one missing); returns the previous loader. */
export function setPeerLoader(loader: PeerLoader): PeerLoader {
  const previous = load;
  load = loader;
  return previous;
}

const isMissing = (error: unknown, name: string): boolean =>
  (error as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(name);

/** The optional package, or a MissingPeerDependencyError naming the feature that needs it and the install command. */
export function requirePeer<T>(name: IoPeer, feature: string): T {
  try {
    return load(name) as T;
  } catch (error) {
    if (!isMissing(error, name)) throw error;
    throw new MissingPeerDependencyError(feature, [name], `npm i ${name}@${IO_PEERS[name]}`);
  }
}
