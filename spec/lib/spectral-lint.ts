import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.ts';

const SPECTRAL = fileURLToPath(new URL('../../node_modules/.bin/spectral', import.meta.url));
/** The project ruleset, spec/.spectral.yaml. */
export const PROJECT_RULESET = fileURLToPath(new URL('../.spectral.yaml', import.meta.url));

/** Spectral's severities, by their number in `--format json`. */
export const SPECTRAL_SEVERITIES = ['error', 'warn', 'info', 'hint'] as const;

export interface SpectralFinding {
  code: string;
  message: string;
  path: string[];
  severity: number;
  source?: string;
  range: { start: { line: number; character: number } };
}

/**
 * Lints files with the Spectral CLI (`--format json`; one process for all, as it starts slowly);
 * each finding's `source` names its file. Rejects when Spectral itself fails.
 */
export async function lintWithSpectral(specPaths: string | readonly string[], ruleset = PROJECT_RULESET): Promise<SpectralFinding[]> {
  const files = typeof specPaths === 'string' ? [specPaths] : specPaths;
  const { exitCode, stdout, stderr } = await runCommand(SPECTRAL, ['lint', ...files, '--ruleset', ruleset, '--format', 'json', '--quiet']);
  // Exit codes: 0 clean, 1 findings at or above --fail-severity, 2 Spectral could not run.
  if (exitCode > 1) throw new Error(`spectral failed (exit ${exitCode}): ${stderr || stdout}`);
  return JSON.parse(stdout) as SpectralFinding[];
}

/** One line a finding: `line:col severity code message (at path)`, lines 1-based like editors. */
export function formatSpectralFindings(findings: readonly SpectralFinding[]): string[] {
  return findings.map((finding) => {
    const { line, character } = finding.range.start;
    const severity = SPECTRAL_SEVERITIES[finding.severity] ?? String(finding.severity);
    return `${line + 1}:${character + 1} ${severity} ${finding.code} ${finding.message} (at ${finding.path.join('.')})`;
  });
}
