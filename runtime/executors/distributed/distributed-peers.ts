import { HamiltonError } from '../../errors';

/**
 * The packages only the distributed engine needs: optional peer dependencies of
 * hamilton-ts (package.json's peerDependencies hold the same ranges), so that an
 * install for local or worker-thread runs does not pull BullMQ, ioredis and theirs.
 */
export const DISTRIBUTED_PEERS: Readonly<Record<string, string>> = { bullmq: '^6.7.0', ioredis: '^5.11.1' };

/** A package an optional feature of hamilton-ts needs is not installed. */
export class MissingPeerDependencyError extends HamiltonError {
  constructor(readonly feature: string, readonly missing: readonly string[], readonly install: string) {
    super(`${feature} needs ${missing.join(' and ')}, optional peer dependencies of hamilton-ts that are not installed. Install them: ${install}`);
  }
}

/** Throws MissingPeerDependencyError unless every distributed peer resolves from here. */
export function checkDistributedPeers(feature: string, resolve: (name: string) => string = require.resolve): void {
  const missing = Object.keys(DISTRIBUTED_PEERS).filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  const install = `npm i ${Object.entries(DISTRIBUTED_PEERS).map(([name, range]) => `${name}@${range}`).join(' ')}`;
  throw new MissingPeerDependencyError(feature, missing, install);
}
