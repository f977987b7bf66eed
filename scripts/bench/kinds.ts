import type { RequestSpec } from 'autocannon';
import { percentile } from './load.ts';

/** The figures of one kind of request in a run of several kinds. */
export interface KindMeasurement {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers with another status than the kind expects (a read not 200, an invalid write not 4xx...). */
  unexpected: number;
}

/**
 * Sorts the responses of a mixed run by kind. autocannon calls a request's `onResponse` and then,
 * in the same turn, emits its `response` event with the latency: the tag set by the first is
 * read by the second.
 */
export class KindCounter {
  #current: string | undefined;
  readonly #latencies = new Map<string, number[]>();
  readonly #unexpected = new Map<string, number>();

  constructor(readonly names: readonly string[]) {}

  /** The request, counted under `kind`; `expected` tells a right status. */
  tag(kind: string, spec: RequestSpec, expected: (status: number) => boolean): RequestSpec {
    return {
      ...spec,
      onResponse: (status, body, context, headers) => {
        this.#current = kind;
        if (!expected(status)) this.#unexpected.set(kind, (this.#unexpected.get(kind) ?? 0) + 1);
        spec.onResponse?.(status, body, context, headers);
      },
    };
  }

  /** The latency of the response whose `onResponse` ran last. */
  record(ms: number): void {
    if (this.#current === undefined) return;
    const list = this.#latencies.get(this.#current);
    if (list) list.push(ms);
    else this.#latencies.set(this.#current, [ms]);
    this.#current = undefined;
  }

  reset(): void {
    this.#current = undefined;
    this.#latencies.clear();
    this.#unexpected.clear();
  }

  result(seconds: number): Record<string, KindMeasurement> {
    return Object.fromEntries(
      this.names.map((name) => {
        const sorted = Float64Array.from(this.#latencies.get(name) ?? []).sort();
        return [
          name,
          {
            requests: sorted.length,
            requestsPerSec: sorted.length / seconds,
            p50Ms: percentile(sorted, 0.5),
            p99Ms: percentile(sorted, 0.99),
            unexpected: this.#unexpected.get(name) ?? 0,
          },
        ];
      }),
    );
  }
}
