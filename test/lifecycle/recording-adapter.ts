import type { LifecycleAdapter, NodeEndEvent, NodeStartEvent, RunEndEvent, RunStartEvent, TaskReturnedEvent, TaskSubmittedEvent, FanOutEvent } from 'hamilton-ts';

/** Records every hook call as a line, and keeps the events, for the lifecycle tests. */
export class Recorder implements LifecycleAdapter {
  readonly lines: string[] = [];
  readonly starts: RunStartEvent[] = [];
  readonly ends: RunEndEvent[] = [];
  readonly before: NodeStartEvent[] = [];
  readonly after: NodeEndEvent[] = [];
  readonly submitted: TaskSubmittedEvent[] = [];
  readonly returned: TaskReturnedEvent[] = [];
  readonly fanOuts: FanOutEvent[] = [];

  constructor(readonly name = 'recorder') {}

  afterGraphConstructed(): void {
    this.lines.push(`${this.name}: graph`);
  }

  beforeRun(event: RunStartEvent): void {
    this.starts.push(event);
    this.lines.push(`${this.name}: run start`);
  }

  afterRun(event: RunEndEvent): void {
    this.ends.push(event);
    this.lines.push(`${this.name}: run end ${event.success ? 'ok' : 'failed'}`);
  }

  beforeNode(event: NodeStartEvent): void {
    this.before.push(event);
    this.lines.push(`${this.name}: before ${event.node.name}`);
  }

  afterNode(event: NodeEndEvent): void {
    this.after.push({ ...event, inputs: event.inputs });
    this.lines.push(`${this.name}: after ${event.node.name} ${event.success ? 'ok' : 'failed'}`);
  }

  taskSubmitted(event: TaskSubmittedEvent): void {
    this.submitted.push(event);
  }

  taskReturned(event: TaskReturnedEvent): void {
    this.returned.push(event);
  }

  fanOutExpanded(event: FanOutEvent): void {
    this.fanOuts.push(event);
    this.lines.push(`${this.name}: fan-out ${event.node.name} ${event.items}`);
  }
}
