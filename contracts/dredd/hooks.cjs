// The hook file Dredd 14 loads (language nodejs): Dredd require()s it and hands it the hooks API as
// `require('hooks')`, so it has to be CommonJS. The hooks themselves are TypeScript in ./lib and
// ./plans, loaded through tsx; run.ts passes their settings in POCKETM8_DREDD_HOOKS.
/* global require, __filename -- CommonJS, as Dredd loads it */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, as Dredd loads it */
const hooks = require('hooks');
const tsx = require('tsx/cjs/api');

tsx.require('./lib/install.ts', __filename).install(hooks);
