import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FOLDER = fileURLToPath(new URL('../../reports/reliability/', import.meta.url));

/**
 * Prints the figures of a reliability run and keeps them in reports/reliability/<name>.json,
 * where docs/reliability.md takes its numbers from.
 */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const stamped = { ...figures, at: new Date().toISOString() };
  mkdirSync(FOLDER, { recursive: true });
  writeFileSync(`${FOLDER}${name}.json`, `${JSON.stringify(stamped, null, 2)}\n`);
  process.stdout.write(`[reliability] ${name}: ${JSON.stringify(stamped)}\n`);
}
