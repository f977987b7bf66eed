/* global module */
/**
 * The import directions of docs/architecture.md, checked by `npm test` (test/architecture.test.ts)
 * and `npm run lint:imports`. Doors (server, msw) -> engine -> apis -> domain -> store; core is used
 * by apis, engine and the doors; lib is used by all and uses nothing.
 */
const room = (name) => `^mock/${name}/`;
const typeOnly = ['type-only'];
/** Tests reach the code through its doors, as users do. */
const TESTS = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-knows-no-transport',
      comment: 'The rules know neither HTTP nor the core nor Express: they take plain values and throw catalogue errors.',
      severity: 'error',
      from: { path: room('domain'), pathNot: TESTS },
      to: {
        path: [room('core'), room('apis'), room('engine'), room('server'), room('msw'), '^node_modules/(@types/)?(express|busboy|cors)/'],
      },
    },
    {
      name: 'core-below-apis',
      comment: 'The core routes, validates and formats; it never reaches up into handlers, rules, the engine or a door.',
      severity: 'error',
      from: { path: room('core'), pathNot: TESTS },
      to: {
        path: [room('apis'), room('domain'), room('engine'), room('server'), room('msw'), '^node_modules/(@types/)?(express|busboy|cors)/'],
      },
    },
    {
      name: 'apis-see-no-door',
      comment: 'Handlers read validated input and call services; they never see Express or the engine that composes them.',
      severity: 'error',
      from: { path: room('apis'), pathNot: TESTS },
      to: { path: [room('engine'), room('server'), room('msw'), '^node_modules/(@types/)?(express|busboy|cors)/'] },
    },
    {
      name: 'engine-below-doors',
      severity: 'error',
      from: { path: room('engine'), pathNot: TESTS },
      to: { path: [room('server'), room('msw'), '^node_modules/(@types/)?(express|busboy|cors)/'] },
    },
    {
      name: 'doors-apart',
      comment:
        'The Express door and the MSW door are two doors over the same engine: neither imports the other, nothing else imports either.',
      severity: 'error',
      from: { path: '^mock/', pathNot: [TESTS, room('msw')] },
      to: { path: room('msw') },
    },
    {
      name: 'msw-door-has-no-server',
      comment:
        'The MSW door runs in browsers: it never reaches the Express door (scripts/bundle-msw.ts also fails on any Node built-in it pulls in).',
      severity: 'error',
      from: { path: room('msw'), pathNot: TESTS },
      to: { path: [room('server'), '^node_modules/(@types/)?(express|busboy|cors)/'] },
    },
    {
      name: 'msw-door-uses-no-node-builtins',
      severity: 'error',
      from: { path: room('msw'), pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'store-is-a-leaf',
      comment: 'Stores keep data; they know nothing of the rules, the core or the doors.',
      severity: 'error',
      from: { path: room('store'), pathNot: TESTS },
      to: { path: [room('core'), room('apis'), room('domain'), room('engine'), room('server'), room('msw')], dependencyTypesNot: typeOnly },
    },
    {
      name: 'lib-is-a-leaf',
      severity: 'error',
      from: { path: room('lib'), pathNot: TESTS },
      to: { path: '^mock/', pathNot: room('lib') },
    },
    {
      name: 'client-stands-alone',
      comment: "The control API client runs in browsers and in the users' tests: fetch and the generated types only.",
      severity: 'error',
      from: { path: room('client'), pathNot: TESTS },
      to: { path: '^(mock|node_modules)/', pathNot: room('client'), dependencyTypesNot: typeOnly },
    },
    {
      name: 'nothing-imports-the-public-api',
      comment: 'mock/index.ts is the package entry: rooms never import it.',
      severity: 'error',
      from: { path: '^mock/', pathNot: TESTS },
      to: { path: '^mock/index\\.ts$' },
    },
    {
      name: 'mock-uses-no-test-code',
      comment: 'Nothing under mock/ imports test support, the contract suites or scripts.',
      severity: 'error',
      from: { path: '^mock/', pathNot: TESTS },
      to: { path: ['^test/', '^contracts/', '^scripts/', '^examples/'] },
    },
    {
      name: 'mock-runs-without-spec-code',
      comment: 'spec/ is the contract (YAML, generated types, spec checks): the mock imports its generated types only.',
      severity: 'error',
      from: { path: '^mock/', pathNot: TESTS },
      to: { path: '^spec/', dependencyTypesNot: typeOnly },
    },
    {
      name: 'no-cycles-in-mock',
      severity: 'error',
      from: { path: '^mock/', pathNot: TESTS },
      to: { path: '^mock/', circular: true, dependencyTypesNot: typeOnly },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^spec/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
