/**
 * Shapes the requested outputs into what `execute` returns: the seed's Result
 * Mixin. `outputs` holds the requested names in request order.
 */
export interface ResultBuilder<R = unknown> {
  build(outputs: Readonly<Record<string, unknown>>): R;
}
