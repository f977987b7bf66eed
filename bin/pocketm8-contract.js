#!/usr/bin/env node
// Runs the contract suites through tsx, so `npx pocketm8-contract` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../contracts/runner.ts');
