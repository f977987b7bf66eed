/**
 * Writes a bigger fixtures folder for load tests and realistic volume:
 *   tsx scripts/generate-fixtures.ts --users 1000 --tasks 10000 --files 2000 --seed 7 --out .data/fixtures-big
 * then start the mock with `--fixtures .data/fixtures-big`. See scripts/fixtures/generate.ts.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { GENERATED_PASSWORD, generateFixtures, type GenerateOptions } from './fixtures/generate.ts';

const USAGE = `usage: tsx scripts/generate-fixtures.ts --out DIR [--users N] [--tasks N] [--files N] [--seed S] [--base DIR|none]
  --out DIR     fixtures folder to write (db.json and media/ in it are replaced)
  --users N     generated users (default 100), each with password ${GENERATED_PASSWORD} and session token pm8_gen_<number>
  --tasks N     generated tasks (default 1000)
  --files N     generated files with real bytes (default 200)
  --seed S      the same seed gives byte-identical output (default pocketm8)
  --base DIR    fixtures whose records come first, so their users keep working (default fixtures/default; none for none)`;

const DEFAULT_BASE = fileURLToPath(new URL('../fixtures/default', import.meta.url));
const LIMIT = 1_000_000;

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > LIMIT)
    throw new Error(`--${name} must be a whole number from 0 to ${LIMIT}, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** Reads the command line; throws with a message for people on anything it cannot use. */
export function parseOptions(args: string[]): GenerateOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      users: { type: 'string' },
      tasks: { type: 'string' },
      files: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (!values.out) throw new Error('--out DIR is required');
  if (values.seed === '') throw new Error('--seed must not be empty');
  return {
    users: count('users', values.users, 100),
    tasks: count('tasks', values.tasks, 1000),
    files: count('files', values.files, 200),
    seed: values.seed ?? 'pocketm8',
    out: values.out,
    base: values.base === 'none' ? null : (values.base ?? DEFAULT_BASE),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const options = parseOptions(process.argv.slice(2));
    if (options === 'help') {
      console.log(USAGE);
    } else {
      const started = performance.now();
      const summary = await generateFixtures(options);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `wrote ${options.out} in ${seconds} s: ${Object.entries(summary)
          .map(([name, n]) => `${n} ${name}`)
          .join(', ')}`,
      );
      if (options.users > 0)
        console.log(
          `generated users sign in with password ${GENERATED_PASSWORD}, or use the ready token pm8_gen_<number> (usr_0001: pm8_gen_0001)`,
        );
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  }
}
