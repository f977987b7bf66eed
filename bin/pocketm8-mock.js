#!/usr/bin/env node
// Runs the TypeScript bin through tsx, so `npx pocketm8-mock` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../mock/bin.ts');
