/**
 * The tags Hamilton puts on loader and saver nodes, with the same keys and
 * (as strings: hamilton-ts tags are strings) the same values, so listings can
 * select them (`listAvailableVariables({ tags: { [LOADER_TAG]: 'true' } })`)
 * and drawings show them apart.
 */
export const LOADER_TAG = 'hamilton.data_loader';
export const LOADER_SOURCE_TAG = 'hamilton.data_loader.source';
export const LOADER_HAS_METADATA_TAG = 'hamilton.data_loader.has_metadata';
export const LOADER_NODE_TAG = 'hamilton.data_loader.node';
export const LOADER_CLASSNAME_TAG = 'hamilton.data_loader.classname';
export const SAVER_TAG = 'hamilton.data_saver';
export const SAVER_SINK_TAG = 'hamilton.data_saver.sink';
export const SAVER_CLASSNAME_TAG = 'hamilton.data_saver.classname';

/** The tags of a loader's nodes: `hasMetadata` on the node giving `[value, metadata]`, not on the one giving the value. */
export function loaderTags(source: string, param: string, classname: string, hasMetadata: boolean): Record<string, string> {
  return {
    [LOADER_TAG]: 'true',
    [LOADER_SOURCE_TAG]: source,
    [LOADER_HAS_METADATA_TAG]: String(hasMetadata),
    [LOADER_NODE_TAG]: param,
    [LOADER_CLASSNAME_TAG]: classname,
  };
}

export function saverTags(sink: string, classname: string): Record<string, string> {
  return { [SAVER_TAG]: 'true', [SAVER_SINK_TAG]: sink, [SAVER_CLASSNAME_TAG]: classname };
}

/** Whether a node's tags mark it a loader or a saver (for drawings). */
export function ioRoleOf(tags: Readonly<Record<string, string | readonly string[]>>): 'loader' | 'saver' | undefined {
  if (tags[LOADER_TAG] === 'true') return 'loader';
  if (tags[SAVER_TAG] === 'true') return 'saver';
  return undefined;
}
