import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.ts';

const DREDD = fileURLToPath(new URL('../../node_modules/.bin/dredd', import.meta.url));
/** Nothing listens there, and `--names` never connects (checked by hand with a listening socket). */
const UNUSED_SERVER = 'http://127.0.0.1:9';

export interface DreddTransaction {
  /** As Dredd prints it: `/tasks/{id} > Get Task > 200 > application/json`. */
  name: string;
  /** The path template, the first name segment that starts with `/`. */
  path: string;
  /** Upper case, from the `skip: GET (200) /tasks/task-1` line that follows the name. */
  method: string;
  status: string;
}

export interface DreddListing {
  exitCode: number;
  transactions: DreddTransaction[];
  warnings: string[];
  errors: string[];
}

const LEVELS = ['info', 'skip', 'warn', 'error', 'complete', 'debug', 'hook', 'pass', 'fail'] as const;
const ENTRY = new RegExp(`^(${LEVELS.join('|')}): (.*)$`);
/** Node's own process warnings (Dredd 14 triggers a circular-dependency one), not Dredd's. */
const NODE_NOISE = /^\((node:\d+\)|Use `node --trace-warnings)/;
const SKIP = /^([A-Z]+) \((\w+)\) /;

/** Splits Dredd's `level: message` output (messages may span lines) and pairs each name with its method. */
export function parseDreddNames(output: string): Omit<DreddListing, 'exitCode'> {
  const entries: { level: string; text: string }[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (NODE_NOISE.test(line)) continue;
    const match = ENTRY.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) entries.push({ level: match[1], text: match[2] });
    else if (line.trim() !== '' && entries.length > 0) entries[entries.length - 1]!.text += `\n${line}`;
  }
  const listing: Omit<DreddListing, 'exitCode'> = { transactions: [], warnings: [], errors: [] };
  let pendingName: string | undefined;
  for (const { level, text } of entries) {
    if (level === 'warn') listing.warnings.push(text);
    else if (level === 'error') listing.errors.push(text);
    else if (level === 'info' && text.includes(' > ')) pendingName = text;
    else if (level === 'skip' && pendingName !== undefined) {
      const skip = SKIP.exec(text);
      const path = pendingName.split(' > ').find((segment) => segment.startsWith('/'));
      if (skip?.[1] !== undefined && skip[2] !== undefined && path !== undefined) {
        listing.transactions.push({ name: pendingName, path, method: skip[1], status: skip[2] });
      }
      pendingName = undefined;
    }
  }
  return listing;
}

/**
 * Lists the transactions Dredd builds from a spec (`dredd <spec> <url> --names`: no request is
 * sent), with its warnings and errors. Runs in an empty folder so no dredd.yml is picked up.
 */
export async function listDreddTransactions(specPath: string): Promise<DreddListing> {
  const cwd = await mkdtemp(join(tmpdir(), 'dredd-names-'));
  try {
    const result = await runCommand(DREDD, [resolve(specPath), UNUSED_SERVER, '--names', '--no-color'], { cwd });
    // Dredd logs errors to stderr and the rest to stdout; names and warnings do not span the two.
    if (result.exitCode === 0 && !/^complete: /m.test(result.stdout)) {
      throw new Error(`dredd --names exited 0 without its closing 'complete:' line; output:\n${result.stdout}`);
    }
    const out = parseDreddNames(result.stdout);
    const err = parseDreddNames(result.stderr);
    return {
      exitCode: result.exitCode,
      transactions: [...out.transactions, ...err.transactions],
      warnings: [...out.warnings, ...err.warnings],
      errors: [...out.errors, ...err.errors],
    };
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}
