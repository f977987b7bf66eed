import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { contractSettings, ownWorld, worldOf } from './client.ts';

// Against a mock with worlds each test file runs in a world of its own (file-world.ts), with its
// own clock, and its tests run one after the other: moving the clock touches nobody else, and
// both functions below just run. Without worlds of their own (`--world`, where every file shares
// one world; a mock without worlds) the files share one clock, and a test that moves it 10
// minutes expires every code another file is about to verify. Then tests that move the clock take
// the lease alone (`movingClock`); tests whose codes, challenges or tokens must not expire under
// them share it (`clockStill`). The lease is a folder per server and world in the OS temp folder
// (vitest's workers are processes or threads: only the file system is shared by both), so it
// also holds between the worker pools of one run.

const POLL_MS = 25;
/** A lease older than this is left over from a crashed or hung run. */
const STALE_MS = 120_000;
/** How long to wait for the lease before failing with a clear message. */
const WAIT_MS = 50_000;

let folder: string | undefined;
/** The lease the current test already holds (leases nest: helpers take one too). */
const held = new AsyncLocalStorage<'still' | 'moving'>();
let serial = 0;

function leaseFolder(): string {
  if (!folder) {
    // One clock per server and world: runs in different worlds of one mock do not wait for each other.
    const server = `${contractSettings().controlUrl ?? contractSettings().pocketm8Url} ${worldOf() ?? ''}`;
    folder = join(tmpdir(), 'pocketm8-contract-clock', createHash('sha256').update(server).digest('hex').slice(0, 16));
    mkdirSync(folder, { recursive: true });
  }
  return folder;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isStale(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

/** The lease entries of one kind, dropping stale ones on the way. */
function holders(prefix: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(leaseFolder())) {
    if (!name.startsWith(prefix)) continue;
    const path = join(leaseFolder(), name);
    if (isStale(path)) rmSync(path, { recursive: true, force: true });
    else found.push(name);
  }
  return found;
}

async function waitFor(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS / 1000} s for the clock lease (${what}) in ${leaseFolder()}`);
    await sleep(POLL_MS);
  }
}

/** The clock can move, and other files share it: only then is there a lease to take. */
const shared = () => contractSettings().clock === 'mock' && !ownWorld();

/**
 * Runs `fn` while no test moves the clock (many such tests run at once). Use it around every
 * send -> verify window whose secret must not expire. Without a movable clock, or in a world of the
 * file's own, it just runs.
 */
export async function clockStill<T>(fn: () => Promise<T>): Promise<T> {
  if (!shared() || held.getStore()) return fn();
  const entry = join(leaseFolder(), `still-${process.pid}-${threadId}-${(serial += 1)}`);
  for (;;) {
    await waitFor(() => holders('moving').length === 0, 'a test moves the clock');
    writeFileSync(entry, '');
    // Announce first, then look: a mover that came in between sees this entry and waits for it.
    if (holders('moving').length === 0) break;
    rmSync(entry, { force: true });
  }
  try {
    return await held.run('still', fn);
  } finally {
    rmSync(entry, { force: true });
  }
}

/**
 * Runs `fn`, which moves the clock, alone: it waits until no `clockStill` test is running and
 * keeps new ones waiting until it is done. Inside it `clockStill` just runs; the other way round
 * is an error (a test that holds the clock still cannot move it). In a world of the file's own it
 * just runs: the file's tests run one after the other, and no other file sees this clock.
 */
export async function movingClock<T>(fn: () => Promise<T>): Promise<T> {
  if (ownWorld() || held.getStore() === 'moving') return fn();
  if (held.getStore() === 'still') throw new Error('movingClock inside clockStill: take movingClock for the whole test');
  const entry = join(leaseFolder(), 'moving');
  await waitFor(() => {
    try {
      mkdirSync(entry);
      return true;
    } catch {
      holders('moving');
      return false;
    }
  }, 'another test moves the clock');
  try {
    await waitFor(() => holders('still-').length === 0, 'tests that need the clock to stand still');
    return await held.run('moving', fn);
  } finally {
    rmSync(entry, { recursive: true, force: true });
  }
}
