import { formatType, type TypeDescriptor } from '../contract/type-descriptor';
import { HamiltonError } from '../errors';
import { describeNode, type Node } from '../graph/node';
import { checkValue } from '../values/value-check';
import type { LifecycleAdapter, NodeEndEvent, NodeStartEvent } from './lifecycle-adapter';

/** A node was given, or returned, a value its declared type does not allow (found by the TypeChecker adapter). */
export class NodeTypeCheckError extends HamiltonError {
  constructor(readonly node: Node, readonly parameter: string | undefined, readonly expected: TypeDescriptor, readonly got: string) {
    super(parameter === undefined
      ? `node ${describeNode(node)} returned ${got}, but declares ${formatType(expected)}`
      : `node ${describeNode(node)} was given ${got} for parameter '${parameter}', which declares ${formatType(expected)}`);
  }
}

/**
 * Hamilton's runtime type checking: every node's inputs, before it runs, and
 * its result, after, against the types its method declares (the same value
 * checks as the driver's on inputs). A mismatch fails the run with a
 * NodeTypeCheckError, carried by a LifecycleAdapterError naming this adapter.
 * Values a remote task computed and kept to itself are not in the driver, so not checked.
 */
export class TypeChecker implements LifecycleAdapter {
  readonly name = 'TypeChecker';

  beforeNode(event: NodeStartEvent): void {
    const { node, args } = event;
    const remote = event.taskId !== undefined;
    node.dependencies.forEach((dependency, i) => {
      const value = args[i];
      if (value === undefined && (dependency.optional || remote)) return;
      const problem = checkValue(value, dependency.type);
      if (problem) throw new NodeTypeCheckError(node, dependency.name, dependency.type, problem);
    });
  }

  afterNode(event: NodeEndEvent): void {
    if (!event.success) return;
    if (event.result === undefined && event.taskId !== undefined) return;
    const problem = checkValue(event.result, event.node.type);
    if (problem) throw new NodeTypeCheckError(event.node, undefined, event.node.type, problem);
  }
}
