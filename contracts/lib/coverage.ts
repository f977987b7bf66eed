import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedStatuses, type ApiName } from './contract-spec.ts';

/** The APIs a backend is judged on (the control API is the mock's own). */
export const CONTRACT_APIS: readonly ApiName[] = ['pocketm8', 'pace'];

/** One response the suites saw: which operation, which status, whether it kept the contract. */
export interface CoverageRecord {
  api: ApiName;
  operationId: string;
  status: number;
  conforms: boolean;
}

const FILE_PREFIX = 'coverage-';

/** Appends a record to this worker's file in the report folder (shards and workers merge later). */
export function record(reportDir: string | null, entry: CoverageRecord): void {
  if (!reportDir) return;
  mkdirSync(reportDir, { recursive: true });
  appendFileSync(join(reportDir, `${FILE_PREFIX}${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}

export interface CoverageRow {
  api: ApiName;
  operationId: string;
  documented: string[];
  exercised: string[];
  missing: string[];
  violations: number;
}

export interface CoverageReport {
  operations: { total: number; exercised: number };
  statuses: { total: number; exercised: number };
  rows: CoverageRow[];
}

/** Reads the records of every folder given (one per shard) and sets them against the specs. */
export function buildReport(dirs: readonly string[], apis: readonly ApiName[] = CONTRACT_APIS): CoverageReport {
  const seen = new Map<string, { statuses: Set<string>; violations: number }>();
  for (const dir of dirs) {
    let files: string[];
    try {
      files = readdirSync(dir).filter((name) => name.startsWith(FILE_PREFIX));
    } catch {
      continue;
    }
    for (const file of files) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as CoverageRecord;
        const key = `${entry.api} ${entry.operationId}`;
        const slot = seen.get(key) ?? { statuses: new Set<string>(), violations: 0 };
        slot.statuses.add(String(entry.status));
        if (!entry.conforms) slot.violations += 1;
        seen.set(key, slot);
      }
    }
  }
  const rows = apis.flatMap((api) =>
    documentedStatuses(api).map(({ operationId, statuses }): CoverageRow => {
      const slot = seen.get(`${api} ${operationId}`);
      const exercised = statuses.filter((status) => slot?.statuses.has(status));
      return {
        api,
        operationId,
        documented: statuses,
        exercised,
        missing: statuses.filter((status) => !exercised.includes(status)),
        violations: slot?.violations ?? 0,
      };
    }),
  );
  return {
    operations: { total: rows.length, exercised: rows.filter((row) => row.exercised.length > 0).length },
    statuses: {
      total: rows.reduce((n, row) => n + row.documented.length, 0),
      exercised: rows.reduce((n, row) => n + row.exercised.length, 0),
    },
    rows,
  };
}

/** The report as a terminal table. */
export function formatReport(report: CoverageReport): string {
  const width = Math.max(...report.rows.map((row) => row.operationId.length), 9) + 2;
  const lines = report.rows.map((row) => {
    const marks = row.documented.map((status) => (row.exercised.includes(status) ? status : `(${status})`)).join(' ');
    return `${row.api.padEnd(9)} ${row.operationId.padEnd(width)} ${String(row.exercised.length).padStart(2)}/${String(row.documented.length).padEnd(3)} ${marks}${row.violations ? `  ${row.violations} violation(s)` : ''}`;
  });
  const pct = (n: number, total: number) => (total === 0 ? '100.0' : ((100 * n) / total).toFixed(1));
  return [
    `${'api'.padEnd(9)} ${'operation'.padEnd(width)} statuses exercised ((…) = not exercised)`,
    ...lines,
    '',
    `operations exercised: ${report.operations.exercised}/${report.operations.total} (${pct(report.operations.exercised, report.operations.total)}%)`,
    `documented statuses exercised: ${report.statuses.exercised}/${report.statuses.total} (${pct(report.statuses.exercised, report.statuses.total)}%)`,
  ].join('\n');
}
