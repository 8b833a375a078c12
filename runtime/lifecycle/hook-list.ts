import { adapterName, type LifecycleAdapter } from './lifecycle-adapter';
import { LifecycleAdapterError } from './lifecycle-errors';

/** One adapter's implementation of one hook or method, with the adapter's name for errors. */
export interface Bound<F> {
  adapter: string;
  fn: F;
}

type Member<K extends keyof LifecycleAdapter> = NonNullable<LifecycleAdapter[K]>;

/** The adapters implementing `hook`, in the order given, each bound to its adapter. */
export function hookList<K extends keyof LifecycleAdapter>(adapters: readonly LifecycleAdapter[], hook: K): Bound<Member<K>>[] {
  const list: Bound<Member<K>>[] = [];
  for (const adapter of adapters) {
    const fn = adapter[hook];
    if (typeof fn === 'function') list.push({ adapter: adapterName(adapter), fn: (fn as (...args: unknown[]) => unknown).bind(adapter) as Member<K> });
  }
  return list;
}

/**
 * Calls every hook of the list with the event, in order. All of them run even
 * when one throws (an after-hook must not be skipped because another adapter
 * failed); the first throw is then rethrown as a LifecycleAdapterError.
 */
export function callHooks<E>(list: readonly Bound<(event: E) => unknown>[], hook: string, event: NoInfer<E>, node?: string): void {
  let failure: LifecycleAdapterError | undefined;
  for (let i = 0; i < list.length; i++) {
    try {
      list[i].fn(event);
    } catch (error) {
      failure ??= new LifecycleAdapterError(list[i].adapter, hook, error, node);
    }
  }
  if (failure) throw failure;
}

/** As callHooks, awaiting each hook's promise before the next (run hooks may be async). */
export async function callHooksAsync<E>(list: readonly Bound<(event: E) => unknown>[], hook: string, event: NoInfer<E>): Promise<void> {
  let failure: LifecycleAdapterError | undefined;
  for (const { adapter, fn } of list) {
    try {
      await fn(event);
    } catch (error) {
      failure ??= new LifecycleAdapterError(adapter, hook, error);
    }
  }
  if (failure) throw failure;
}
