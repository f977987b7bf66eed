// Setup file of the `judges` project. The `contract` project's global setup points the suites at
// its in-process mock through CONTRACT_* variables, and every worker of the same vitest run
// inherits them; a judge starts its own servers and runs the suites against those, so it must not
// hand the shared settings on to the runs it spawns.
for (const name of Object.keys(process.env)) {
  if (name.startsWith('CONTRACT_')) delete process.env[name];
}
