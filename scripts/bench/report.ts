import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SCENARIO_NAMES, type BenchOptions, type ScenarioName, type ServerName } from './options.ts';
import type { MainRun, ScenarioResult, StartupRun } from './phases.ts';
import { SCENARIOS } from './scenarios.ts';

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
    {
      name: 'GET by id p99',
      wanted: '< 15 ms',
      measured: byId ? `${ms(byId.p99Ms)} ms` : 'not measured',
      met: byId ? byId.p99Ms < 15 : null,
    },
    ratioTarget(report, 'create-task', 'json-server', 10, 'POST vs json-server'),
    {
      name: 'POST: acknowledged writes on disk',
      wanted: `all, after ${durability?.stoppedWith ?? 'SIGKILL'}`,
      measured: durability ? `${whole(durability.onDisk)} of ${whole(durability.acknowledged)}` : 'not measured',
      met: durability ? durability.acknowledged > 0 && durability.missing.length === 0 : null,
    },
    {
      name: 'Start-up to first 200 (main data)',
      wanted: '<= 300 ms',
      measured: startup ? `${whole(startup.startupMs)} ms` : 'not measured',
      met: startup ? startup.startupMs <= 300 : null,
    },
    { name: 'Peak RSS (main data)', wanted: '<= 150 MB', measured: mb(rss), met: rss === undefined || rss === null ? null : rss <= 150 },
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
    const unit = scenario === 'phone-change' ? 'flows/s' : 'req/s';
    const mine = measured(report, MOCK, scenario);
    const mineRate = mine?.flow ? mine.flow.flowsPerSec : mine?.requestsPerSec;
    const rows = [['server', unit, 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'CPU srv/cli/other', 'mock vs it']];
    for (const name of names) {
      const server = report.servers[name]!;
      const result = server.main?.scenarios[scenario];
      if (!result) rows.push([server.label, '-', '-', '-', '-', '-', '-', server.error ? 'failed' : '']);
      else if (!result.supported) rows.push([server.label, 'n/a', '', '', '', '', '', result.note]);
      else {
        const rate = result.flow ? result.flow.flowsPerSec : result.requestsPerSec;
        const p = result.flow ?? result;
        const cpu = `${percent(result.serverCpu)}/${percent(result.clientCpu)}/${percent(result.otherCpu)}`;
        rows.push([
          server.label,
          whole(rate),
          ms(p.p50Ms),
          ms(p.p99Ms),
          whole(result.flow ? result.flow.failed : result.non2xx),
          whole(result.errors),
          cpu,
          name === MOCK ? '' : versus(mineRate, rate),
        ]);
      }
    }
    const notes = mine?.flow
      ? [
          `${whole(mine.requestsPerSec)} req/s of the three requests; p50/p99 are whole flows, non-2xx counts failed flows; ${mine.flow.sharedUsers} flows had to share a user`,
        ]
      : [];
    for (const name of names) {
      const result = measured(report, name, scenario);
      if (result && (result.otherCpu ?? 0) > DISTURBED)
        notes.push(
          `DISTURBED: other programs used ${percent(result.otherCpu)} of a core during ${report.servers[name]!.label}'s run; rerun on a quiet machine`,
        );
    }
    out.push({ title: `${SCENARIOS[scenario].title} — ${SCENARIOS[scenario].what}`, rows, notes });
  }
  const rows = [
    [
      'server',
      `start ${whole(settings.main.tasks)}`,
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
      'Start-up (spawn to the first 200 of GET one task, median of the fresh starts) and peak RSS (VmHWM after 3 s each of GET by id and a page of 20; the last column after every scenario, the POSTs included)',
    rows,
    notes,
  });
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
