import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SCENARIO_NAMES, type BenchOptions, type ScenarioName, type ServerName } from './options.ts';
import type { MainRun, ScenarioResult, StartupRun } from './phases.ts';
import { MIXED_KINDS, SCENARIOS } from './scenarios.ts';
import { BENCH_WORLD, type WorldsRun } from './worlds.ts';
import type { Measurement } from './load.ts';

export interface ServerReport {
  label: string;
  main?: MainRun;
  large?: StartupRun;
  startup?: StartupRun;
  error?: string;
}

export interface Target {
  name: string;
  wanted: string;
  measured: string;
  /** null: not measured in this run (a server left out or failed). */
  met: boolean | null;
}

export interface BenchReport {
  date: string;
  command: string;
  smoke: boolean;
  machine: { cpus: number; cpuModel: string; node: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  settings: Pick<BenchOptions, 'connections' | 'duration' | 'warmup' | 'main' | 'large'>;
  servers: Partial<Record<ServerName, ServerReport>>;
  /** The worlds phase (the mock only), unless left out. */
  worlds?: WorldsRun;
  worldsError?: string;
  targets: Target[];
}

const MOCK: ServerName = 'pocketm8-mock';
/** Share of a core used by other programs above which a measured run counts as disturbed. */
const DISTURBED = 0.25;
const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(2));
const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(0)}%`);
const mb = (value: number | null | undefined) => (value === null || value === undefined ? '-' : `${value.toFixed(0)} MB`);

function measured(
  report: BenchReport,
  server: ServerName,
  scenario: ScenarioName,
): Extract<ScenarioResult, { supported: true }> | undefined {
  const result = report.servers[server]?.main?.scenarios[scenario];
  return result?.supported ? result : undefined;
}

function ratioTarget(report: BenchReport, scenario: ScenarioName, peer: ServerName, factor: number, name: string): Target {
  const mine = measured(report, MOCK, scenario);
  const theirs = measured(report, peer, scenario);
  const wanted = factor < 1 ? `>= ${(factor * 100).toFixed(0)}% of ${peer}` : `>= ${factor.toFixed(1)}x ${peer}`;
  if (!mine || !theirs) return { name, wanted, measured: 'not measured', met: null };
  const ratio = mine.requestsPerSec / theirs.requestsPerSec;
  return {
    name,
    wanted,
    measured: `${ratio.toFixed(2)}x (${whole(mine.requestsPerSec)} vs ${whole(theirs.requestsPerSec)} req/s)`,
    met: ratio >= factor,
  };
}

/** The targets, each judged on this one run. */
export function judge(report: BenchReport): Target[] {
  const mock = report.servers[MOCK];
  const byId = measured(report, MOCK, 'get-by-id');
  const durability = mock?.main?.durability;
  const startup = mock?.startup;
  // Holding the data set and serving reads, measured alike for every server and both sizes (the
  // scenario run's peak also holds every task its POST scenario added).
  const rss = mock?.startup?.peakRssMb ?? mock?.main?.peakRssMb;
  return [
    ratioTarget(report, 'get-by-id', 'json-server', 1, 'GET by id vs json-server'),
    ratioTarget(report, 'get-by-id', 'prism', 4, 'GET by id vs Prism'),
    ratioTarget(report, 'get-by-id', 'express', 0.8, 'GET by id vs bare Express'),
    ratioTarget(report, 'get-by-id', 'node-http', 0.65, 'GET by id vs bare node:http'),
    {
      name: 'GET by id p99',
      wanted: '<= 3 ms',
      measured: byId ? `${ms(byId.p99Ms)} ms` : 'not measured',
      met: byId ? byId.p99Ms <= 3 : null,
    },
    ratioTarget(report, 'list-page', 'node-http', 1, 'Page of 20 vs bare node:http'),
    invalidTarget(byId, measured(report, MOCK, 'invalid-write')),
    mixedReadsTarget(measured(report, MOCK, 'mixed')),
    ratioTarget(report, 'create-task', 'json-server', 10, 'POST vs json-server'),
    {
      name: 'POST: acknowledged writes on disk',
      wanted: `all, after ${durability?.stoppedWith ?? 'SIGKILL'}`,
      measured: durability ? `${whole(durability.onDisk)} of ${whole(durability.acknowledged)}` : 'not measured',
      met: durability ? durability.acknowledged > 0 && durability.missing.length === 0 : null,
    },
    {
      name: 'Start-up to first 200 (main data)',
      wanted: '<= 200 ms',
      measured: startup ? `${whole(startup.startupMs)} ms` : 'not measured',
      met: startup ? startup.startupMs <= 200 : null,
    },
    {
      name: 'First request after start (main data)',
      wanted: '<= 20 ms',
      measured: startup ? `${ms(startup.firstRequestMs)} ms` : 'not measured',
      met: startup ? startup.firstRequestMs <= 20 : null,
    },
    { name: 'Peak RSS (main data)', wanted: '<= 150 MB', measured: mb(rss), met: rss === undefined || rss === null ? null : rss <= 150 },
    ...worldTargets(report.worlds),
  ];
}

type Measured = Extract<ScenarioResult, { supported: true }>;

/** The mock's invalid POSTs against its own GET by id, in the same run. */
function invalidTarget(byId: Measured | undefined, invalid: Measured | undefined): Target {
  const name = 'Invalid writes vs GET by id';
  const wanted = '>= 50% of GET by id';
  if (!byId || !invalid) return { name, wanted, measured: 'not measured', met: null };
  const ratio = invalid.requestsPerSec / byId.requestsPerSec;
  return {
    name,
    wanted,
    measured: `${(ratio * 100).toFixed(0)}% (${whole(invalid.requestsPerSec)} vs ${whole(byId.requestsPerSec)} req/s)`,
    met: ratio >= 0.5,
  };
}

function mixedReadsTarget(mixed: Measured | undefined): Target {
  const reads = mixed?.kinds?.reads;
  return {
    name: 'Mixed load: reads p99',
    wanted: '<= 10 ms',
    measured: reads ? `${ms(reads.p99Ms)} ms (p50 ${ms(reads.p50Ms)} ms, ${whole(mixed.requestsPerSec)} req/s in all)` : 'not measured',
    met: reads ? reads.p99Ms <= 10 : null,
  };
}

/** GET by id in a named world against the default world's, measured in the same process. */
function worldRatio(worlds: WorldsRun | undefined, how: 'prefix' | 'header', name: string): Target {
  const wanted = '>= 95% of the default world';
  if (!worlds) return { name, wanted, measured: 'not measured', met: null };
  const ratio = worlds.ratios[how];
  const merged = worlds.getById[how].requestsPerSec / worlds.getById.default.requestsPerSec;
  return {
    name,
    wanted,
    measured: `${ratio.toFixed(3)}x (median of the six orders; merged rates ${merged.toFixed(3)}x)`,
    met: ratio >= 0.95,
  };
}

/** The worlds targets of docs/worlds.md (the default world against before worlds needs two runs: docs/benchmarks.md). */
function worldTargets(worlds: WorldsRun | undefined): Target[] {
  const creation = worlds?.creation;
  const memory = worlds?.memory;
  const added = memory?.heldMb != null && memory.oneWorldMb != null ? memory.heldMb - memory.oneWorldMb : null;
  return [
    worldRatio(worlds, 'prefix', `GET by id in a named world (/worlds/${BENCH_WORLD})`),
    worldRatio(worlds, 'header', 'GET by id in a named world (X-Mock-World)'),
    {
      name: 'World creation p99 (default fixtures)',
      wanted: '<= 5 ms',
      measured: creation ? `${ms(creation.p99Ms)} ms (p50 ${ms(creation.p50Ms)} ms, ${whole(creation.worlds)} new worlds)` : 'not measured',
      met: creation ? creation.p99Ms <= 5 && creation.non2xx === 0 : null,
    },
    {
      name: `RSS with ${whole(memory?.worlds ?? 1000)} worlds held`,
      wanted: '<= 300 MB over one world',
      measured: memory && added !== null ? `+${mb(added)} (${mb(memory.oneWorldMb)} -> ${mb(memory.heldMb)})` : 'not measured',
      met: added === null ? null : added <= 300 && memory!.listed === memory!.worlds + 1,
    },
  ];
}

interface Section {
  title: string;
  rows: string[][];
  notes: string[];
}

function versus(mine: number | undefined, theirs: number): string {
  if (mine === undefined) return '';
  const ratio = mine / theirs;
  return ratio < 1 ? `${ratio.toFixed(2)}x (${(ratio * 100).toFixed(0)}%)` : `${ratio.toFixed(2)}x`;
}

/** The report as titled tables, for the terminal and for markdown alike. */
function sections(report: BenchReport): Section[] {
  const { settings } = report;
  const names = Object.keys(report.servers) as ServerName[];
  const out: Section[] = [];
  for (const scenario of SCENARIO_NAMES) {
    if (scenario === 'mixed') {
      out.push(mixedSection(report, names));
      continue;
    }
    const unit = scenario === 'phone-change' ? 'flows/s' : 'req/s';
    const mine = measured(report, MOCK, scenario);
    const mineRate = mine?.flow ? mine.flow.flowsPerSec : mine?.requestsPerSec;
    const clientErrors = SCENARIOS[scenario].expected === '4xx';
    const rows = [['server', unit, 'p50 ms', 'p99 ms', clientErrors ? 'not 4xx' : 'non-2xx', 'errors', 'CPU srv/cli/other', 'mock vs it']];
    for (const name of names) {
      const server = report.servers[name]!;
      const result = server.main?.scenarios[scenario];
      if (!result) rows.push([server.label, '-', '-', '-', '-', '-', '-', server.error ? 'failed' : '']);
      else if (!result.supported) rows.push([server.label, 'n/a', '', '', '', '', '', result.note]);
      else {
        const rate = result.flow ? result.flow.flowsPerSec : result.requestsPerSec;
        const p = result.flow ?? result;
        const failed = result.flow ? result.flow.failed : clientErrors ? notClientErrors(result) : result.non2xx;
        rows.push([
          server.label,
          whole(rate),
          ms(p.p50Ms),
          ms(p.p99Ms),
          whole(failed),
          whole(result.errors),
          cpuOf(result),
          name === MOCK ? '' : versus(mineRate, rate),
        ]);
      }
    }
    const notes = mine?.flow
      ? [
          `${whole(mine.requestsPerSec)} req/s of the three requests; p50/p99 are whole flows, non-2xx counts failed flows; ${mine.flow.sharedUsers} flows had to share a user`,
        ]
      : [];
    notes.push(...disturbed(report, names, scenario));
    out.push({ title: `${SCENARIOS[scenario].title} — ${SCENARIOS[scenario].what}`, rows, notes });
  }
  const rows = [
    [
      'server',
      `start ${whole(settings.main.tasks)}`,
      'first request',
      `RSS ${whole(settings.main.tasks)}`,
      `start ${whole(settings.large.tasks)}`,
      `RSS ${whole(settings.large.tasks)}`,
      'restart on its own db.json',
      'RSS after all scenarios',
    ],
  ];
  for (const name of names) {
    const server = report.servers[name]!;
    const restart =
      server.startup?.restartMs === undefined
        ? ''
        : `${whole(server.startup.restartMs)} ms / ${whole(server.large?.restartMs ?? Number.NaN)} ms`;
    rows.push([
      server.label,
      server.startup ? `${whole(server.startup.startupMs)} ms` : '-',
      server.startup ? `${ms(server.startup.firstRequestMs)} ms` : '-',
      mb(server.startup?.peakRssMb),
      server.large ? `${whole(server.large.startupMs)} ms` : '-',
      mb(server.large?.peakRssMb),
      restart,
      mb(server.main?.peakRssMb),
    ]);
  }
  const notes: string[] = [];
  const durability = report.servers[MOCK]?.main?.durability;
  const theirs = report.servers['json-server']?.main?.durability;
  if (durability)
    notes.push(
      `acknowledged POSTs in the file after ${durability.stoppedWith}: pocketm8 mock ${whole(durability.onDisk)} of ${whole(durability.acknowledged)} (fsynced before the 201)`,
    );
  if (theirs)
    notes.push(
      `acknowledged POSTs in the file after ${theirs.stoppedWith}: json-server ${whole(theirs.onDisk)} of ${whole(theirs.acknowledged)} (written without fsync)`,
    );
  out.push({
    title:
      "Start-up (spawn to the first 200 of GET one task, median of the fresh starts; first request: that GET's own time, from connected to answer read) and peak RSS (VmHWM after 3 s each of GET by id and a page of 20; the last column after every scenario, the POSTs included)",
    rows,
    notes,
  });
  out.push(...worldSections(report));
  const targets = [
    ['target', 'wanted', 'measured', ''],
    ...report.targets.map((target) => [
      target.name,
      target.wanted,
      target.measured,
      target.met === null ? 'NOT MEASURED' : target.met ? 'met' : 'MISSED',
    ]),
  ];
  out.push({ title: 'Targets', rows: targets, notes: [] });
  return out;
}

const cpuOf = (result: Measurement) => `${percent(result.serverCpu)}/${percent(result.clientCpu)}/${percent(result.otherCpu)}`;

/** Answers outside 400-499, for a scenario whose every request should be refused. */
const notClientErrors = (result: Measurement) =>
  Object.entries(result.statusCodes).reduce((sum, [code, count]) => (code.startsWith('4') ? sum : sum + count), 0);

function disturbed(report: BenchReport, names: ServerName[], scenario: ScenarioName): string[] {
  return names.flatMap((name) => {
    const result = measured(report, name, scenario);
    return result && (result.otherCpu ?? 0) > DISTURBED
      ? [
          `DISTURBED: other programs used ${percent(result.otherCpu)} of a core during ${report.servers[name]!.label}'s run; rerun on a quiet machine`,
        ]
      : [];
  });
}

/** The mixed run: one row a server, latency per kind of request. */
function mixedSection(report: BenchReport, names: ServerName[]): Section {
  const head = MIXED_KINDS.map((kind) => `${kind} p50/p99 ms`);
  const rows = [['server', 'req/s', ...head, 'unexpected', 'errors', 'CPU srv/cli/other', 'mock vs it']];
  const mine = measured(report, MOCK, 'mixed');
  for (const name of names) {
    const server = report.servers[name]!;
    const result = server.main?.scenarios.mixed;
    if (!result) rows.push([server.label, '-', ...head.map(() => '-'), '-', '-', '-', server.error ? 'failed' : '']);
    else if (!result.supported) rows.push([server.label, 'n/a', ...head.map(() => ''), '', '', '', result.note]);
    else {
      const kinds = MIXED_KINDS.map((kind) => result.kinds?.[kind]);
      rows.push([
        server.label,
        whole(result.requestsPerSec),
        ...kinds.map((kind) => (kind ? `${ms(kind.p50Ms)} / ${ms(kind.p99Ms)}` : '-')),
        whole(kinds.reduce((sum, kind) => sum + (kind?.unexpected ?? 0), 0)),
        whole(result.errors),
        cpuOf(result),
        name === MOCK ? '' : versus(mine?.requestsPerSec, result.requestsPerSec),
      ]);
    }
  }
  const notes = [
    'unexpected: a read not answered 200, a valid write not 201, an invalid write not 4xx',
    ...disturbed(report, names, 'mixed'),
  ];
  return { title: `${SCENARIOS.mixed.title} — ${SCENARIOS.mixed.what}`, rows, notes };
}

/** The worlds phase: GET by id per world, then creation and memory. */
function worldSections(report: BenchReport): Section[] {
  const { worlds } = report;
  if (!worlds) return report.worldsError ? [{ title: 'Worlds', rows: [['failed'], [report.worldsError]], notes: [] }] : [];
  const base = worlds.getById.default;
  const rows = [['world', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'CPU srv/cli/other', 'vs default world']];
  const labels = {
    default: 'default (no selector)',
    prefix: `${BENCH_WORLD} by prefix /worlds/${BENCH_WORLD}/api/tasks/{id}`,
    header: `${BENCH_WORLD} by header X-Mock-World`,
  };
  const notes: string[] = [];
  for (const how of ['default', 'prefix', 'header'] as const) {
    const result = worlds.getById[how];
    rows.push([
      labels[how],
      whole(result.requestsPerSec),
      ms(result.p50Ms),
      ms(result.p99Ms),
      whole(result.non2xx),
      whole(result.errors),
      cpuOf(result),
      how === 'default' ? '' : `${worlds.ratios[how].toFixed(3)}x (merged ${(result.requestsPerSec / base.requestsPerSec).toFixed(3)}x)`,
    ]);
    if ((result.otherCpu ?? 0) > DISTURBED)
      notes.push(
        `DISTURBED: other programs used ${percent(result.otherCpu)} of a core during the ${how} world's run; rerun on a quiet machine`,
      );
  }
  const { creation, memory } = worlds;
  const added = memory.heldMb !== null && memory.oneWorldMb !== null ? memory.heldMb - memory.oneWorldMb : null;
  return [
    {
      title: `Worlds: GET one task by id in the default world and in the named world "${BENCH_WORLD}" (same process, same requests; six rounds, one in each order of the three; vs default world: the median over the rounds of the rate against the default world's in the same round)`,
      rows,
      notes,
    },
    {
      title:
        'Worlds on the default fixtures (fixtures/default, file store): PUT /__mock/worlds/{name} for new names, one at a time on one kept-alive connection; RSS (VmRSS) with the default world only, then with the worlds held',
      rows: [
        ['what', 'figure'],
        [
          `create a world: p50 / p99 / max over ${whole(creation.worlds)} new names`,
          `${ms(creation.p50Ms)} / ${ms(creation.p99Ms)} / ${ms(creation.maxMs)} ms`,
        ],
        ['creations not answered 201', whole(creation.non2xx)],
        ['RSS, default world only', mb(memory.oneWorldMb)],
        [`RSS, ${whole(memory.worlds)} named worlds held (${whole(memory.listed)} listed)`, mb(memory.heldMb)],
        ['added per world', added === null ? '-' : `${((added * 1024) / memory.worlds).toFixed(0)} KB`],
      ],
      notes: [],
    },
  ];
}

function header(report: BenchReport): string[] {
  const { settings, machine } = report;
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  return [
    `Pocketm8 mock benchmark — ${report.date}, ${machine.cpus} CPU ${machine.cpuModel}, Node ${machine.node}`,
    `${settings.connections} connections, ${settings.duration} s per scenario after ${settings.warmup} s warm-up; ${whole(settings.main.tasks)} tasks, ${whole(settings.main.users)} users, ${whole(settings.main.files)} files; load average before ${load(machine.loadAverageBefore)}, after ${load(machine.loadAverageAfter)}`,
  ];
}

/** The terminal table: one block per scenario, then start-up and memory, then the targets. */
export function render(report: BenchReport): string {
  const lines = header(report);
  for (const section of sections(report)) {
    const widths = section.rows[0]!.map((_, column) => Math.max(...section.rows.map((row) => (row[column] ?? '').length)));
    const align = (cell: string, column: number, row: string[]) =>
      column === 0 || column === row.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!);
    lines.push(
      '',
      section.title,
      ...section.rows.map((row) => `  ${row.map((cell, column) => align(cell, column, row)).join('  ')}`.trimEnd()),
    );
    lines.push(...section.notes.map((note) => `  (${note})`));
  }
  for (const [name, server] of Object.entries(report.servers)) if (server.error) lines.push('', `${name} failed: ${server.error}`);
  if (report.worldsError) lines.push('', `worlds failed: ${report.worldsError}`);
  return lines.join('\n');
}

/** The same tables in markdown, for docs/benchmarks.md. */
export function renderMarkdown(report: BenchReport): string {
  const lines = header(report).map((line) => `${line}  `);
  for (const section of sections(report)) {
    const [head, ...body] = section.rows;
    lines.push(
      '',
      `**${section.title}**`,
      '',
      `| ${head!.join(' | ')} |`,
      `|${head!.map((_, column) => (column === 0 || column === head!.length - 1 ? ' --- |' : ' ---: |')).join('')}`,
    );
    lines.push(...body.map((row) => `| ${row.join(' | ')} |`));
    if (section.notes.length > 0) lines.push('', ...section.notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the JSON report, and the markdown tables beside it (`bench.md`). */
export async function writeReport(file: string, report: BenchReport): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = file.replace(/(\.json)?$/, '.md');
  await writeFile(markdown, renderMarkdown(report));
  return markdown;
}
