// Vitest global setup: one mock for the whole run, on a free port. Copy this file as it is.
import type { TestProject } from 'vitest/node';
import { startMock } from 'pocketm8-mock';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock();
  project.provide('mockUrl', mock.url);
  return () => mock.close();
}
