// The part of newman's Node API the collection's run test uses (the package ships no types).
declare module 'newman' {
  import type { EventEmitter } from 'node:events';

  interface RunOptions {
    /** A collection (v2.1 JSON) or the path of one. */
    collection: object | string;
    environment?: object | string;
    /** Where the `src` of form-data files is looked up. */
    workingDir?: string;
    /** Whole run, each request, each script; in ms (0: no limit). */
    timeout?: number;
    timeoutRequest?: number;
    timeoutScript?: number;
    reporters?: string | string[];
  }

  interface Failure {
    error: { name: string; message: string; test?: string };
    source?: { id?: string; name?: string };
  }

  interface RunSummary {
    run: {
      failures: Failure[];
      timings: { started: number; completed: number };
    };
  }

  interface RequestEvent {
    /** The collection's item, or a new one for a script's pm.sendRequest. */
    item: { id: string; name?: string };
    response?: { code: number };
  }

  interface RunEmitter extends EventEmitter {
    on(event: 'request', listener: (error: Error | null, event: RequestEvent) => void): this;
  }

  export function run(options: RunOptions, callback: (error: Error | null, summary: RunSummary) => void): RunEmitter;
}
