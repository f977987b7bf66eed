import type { Options, RequestSpec } from 'autocannon';
import type { Dataset } from './datasets.ts';

/** Whole phone-change flows of one run. */
export interface FlowResult {
  flowsPerSec: number;
  flows: number;
  failed: number;
  /** Milliseconds from sending the PUT to the answer of the verify POST. */
  p50Ms: number;
  p99Ms: number;
  /** Flows that had to share a user because every user was busy (should stay 0). */
  sharedUsers: number;
  /** The first few reasons a flow failed, to explain a non-zero `failed`. */
  failures: string[];
}

interface FlowState {
  user: { id: string; token: string };
  phone: string;
  started: number;
  code?: string;
  failed?: string;
}

/**
 * The phone change as a client does it, on each connection in turn: PUT /api/profile/phone, read
 * the code from GET /__mock/outbox/latest, POST /api/profile/verify-code. The send limits apply
 * per destination (5 an hour, 60 s between two sends for one purpose), so every flow sends to a
 * number never used before; a user is held by one flow at a time (a free list), so no flow
 * replaces another's pending change.
 */
export function createPhoneFlow(dataset: Dataset) {
  const free = [...dataset.users];
  let phones = 0;
  let shared = 0;
  let counters = { flows: 0, failed: 0, shared: 0, latencies: [] as number[], failures: [] as string[] };

  const take = () => {
    const user = free.shift();
    if (user) return user;
    counters.shared += 1;
    return dataset.users[shared++ % dataset.users.length]!;
  };
  // Ends in 1: never a magic failing (…0000) or taken (…9999) number; +999 is no country's code.
  const nextPhone = () => `+999${String(++phones).padStart(8, '0')}1`;
  const state = (context: Record<string, unknown>) => context.flow as FlowState;
  const end = (flow: FlowState, failure?: string) => {
    if (failure) {
      counters.failed += 1;
      if (counters.failures.length < 5) counters.failures.push(failure);
    } else {
      counters.flows += 1;
      counters.latencies.push(performance.now() - flow.started);
    }
    free.push(flow.user);
  };
  const json = (flow: FlowState) => ({ Authorization: `Bearer ${flow.user.token}`, 'Content-Type': 'application/json' });

  const requests: RequestSpec[] = [
    {
      method: 'PUT',
      path: '/api/profile/phone',
      setupRequest: (request, context) => {
        const flow: FlowState = { user: take(), phone: nextPhone(), started: performance.now() };
        context.flow = flow;
        const body = { phone: flow.phone };
        return { ...request, headers: json(flow), body: JSON.stringify(body) };
      },
      onResponse: (status, body, context) => {
        if (status !== 200) state(context).failed = `PUT /profile/phone ${status} ${body.slice(0, 200)}`;
      },
    },
    {
      method: 'GET',
      setupRequest: (request, context) => {
        const flow = state(context);
        if (flow.failed) return void end(flow, flow.failed);
        return { ...request, path: `/__mock/outbox/latest?to=${encodeURIComponent(flow.phone)}&purpose=phone-change`, headers: {} };
      },
      onResponse: (status, body, context) => {
        const flow = state(context);
        const code = status === 200 ? (JSON.parse(body) as { code?: unknown }).code : undefined;
        if (typeof code === 'string') flow.code = code;
        else flow.failed = `GET /__mock/outbox/latest ${status} ${body.slice(0, 200)}`;
      },
    },
    {
      method: 'POST',
      path: '/api/profile/verify-code',
      setupRequest: (request, context) => {
        const flow = state(context);
        if (flow.failed) return void end(flow, flow.failed);
        const body = { type: 'phone', code: flow.code };
        return { ...request, headers: json(flow), body: JSON.stringify(body) };
      },
      onResponse: (status, body, context) => {
        const flow = state(context);
        end(flow, status === 200 ? undefined : `POST /profile/verify-code ${status} ${body.slice(0, 200)}`);
      },
    },
  ];

  return {
    options(url: string, connections: number): Options {
      counters = { flows: 0, failed: 0, shared: 0, latencies: [], failures: [] };
      return { url, connections, requests };
    },
    result(seconds: number): FlowResult {
      const sorted = Float64Array.from(counters.latencies).sort();
      const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
      return {
        flowsPerSec: counters.flows / seconds,
        flows: counters.flows,
        failed: counters.failed,
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        sharedUsers: counters.shared,
        failures: counters.failures,
      };
    },
  };
}
