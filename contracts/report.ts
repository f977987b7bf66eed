// npm run contract:report -- <dir> [<dir>...]: merges the records of several runs (shards) into
// one coverage table and coverage.json in the first folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, formatReport } from './lib/coverage.ts';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: npm run contract:report -- <report-dir> [<report-dir>...]   (the --report-dir of each shard)');
  process.exit(2);
}
const report = buildReport(dirs.map((dir) => join(dir, 'records')));
writeFileSync(join(dirs[0]!, 'coverage-merged.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(formatReport(report));
