import { formatType } from '../runtime/contract/type-descriptor';
import type { Node } from '../runtime/graph/node';
import { loaderTags, saverTags } from '../runtime/io/nodes/io-tags';
import { checkedLoad, METADATA_TYPE } from '../runtime/io/nodes/loader-nodes';
import { checkedSave } from '../runtime/io/nodes/saver-node';
import { recordingDecorator, type RecordingDecorator } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';
import { mapResult } from './map-result';

/**
 * `@dataloader()`: the method loads data and returns `[value, metadata]`
 * (Hamilton's `@dataloader`). It becomes `<name>.loader`, giving the pair
 * and tagged as a loader, and `<name>`, giving the value: consumers read
 * the value alone.
 */
export function dataloader(): RecordingDecorator {
  return recordingDecorator('dataloader', {});
}

/** `@datasaver()`: the method saves data and returns a metadata record (Hamilton's `@datasaver`); tagged as a saver. */
export function datasaver(): RecordingDecorator {
  return recordingDecorator('datasaver', {});
}

const isRecordType = (t: Node['type']) => t.kind === 'record' || t.kind === 'unknown' || t.kind === 'object';

/** A declared return type that cannot be `[value, metadata]` is refused at graph build; an undeclared one is checked at run time. */
function loadedType(node: Node, context: ExpansionContext): Node['type'] {
  const t = node.type;
  if (t.kind === 'unknown') return t;
  if (t.kind !== 'tuple' || t.elements.length !== 2 || t.rest || !isRecordType(t.elements[1])) {
    throw context.error('dataloader', `must return [value, metadata] (a tuple of the value and a metadata record), but ${node.name} is declared to return ${formatType(t)}`);
  }
  return t.elements[0];
}

export const dataloaderExpander: NodeExpander = {
  kind: 'dataloader',
  stage: 'create',
  expand(expansion, _records, context) {
    const made = expansion.primary.map((node) => {
      const loaderName = `${node.name}.loader`;
      const loader: Node = {
        ...node,
        name: loaderName,
        tags: { ...node.tags, ...loaderTags('loader', node.name, `${node.origin.method}()`, true) },
        fn: mapResult(node.fn, (result) => checkedLoad(loaderName, `@dataloader ${node.origin.className}.${node.origin.method}`, result)),
      };
      const value: Node = {
        ...node,
        dependencies: [{ name: loaderName, optional: false, type: node.type }],
        type: loadedType(node, context),
        tags: { ...node.tags, ...loaderTags(node.name, node.name, `${node.origin.method}()`, false) },
        fn: (loaded: unknown) => (loaded as [unknown, unknown])[0],
      };
      return [value, loader];
    });
    return { primary: made.map(([value]) => value), extra: [...expansion.extra, ...made.map(([, loader]) => loader)] };
  },
};

export const datasaverExpander: NodeExpander = {
  kind: 'datasaver',
  stage: 'decorate',
  expand(expansion, _records, context) {
    const primary = expansion.primary.map((node): Node => {
      if (!isRecordType(node.type)) {
        throw context.error('datasaver', `must return a metadata record, but ${node.name} is declared to return ${formatType(node.type)}`);
      }
      return {
        ...node,
        type: node.type.kind === 'unknown' ? METADATA_TYPE : node.type,
        tags: { ...node.tags, ...saverTags(node.name, `${node.origin.method}()`) },
        fn: mapResult(node.fn, (result) => checkedSave(node.name, `@datasaver ${node.origin.className}.${node.origin.method}`, result)),
      };
    });
    return { primary, extra: expansion.extra };
  },
};
