import type { SpecName } from './spec-names.ts';
import type { GeneratedValidators } from './spec-validators.ts';

/**
 * The specs' validators generated ahead of time (Ajv's standalone code), by spec. Empty here: the
 * bundles put code generated at build time in place of this module (scripts/standalone-validators.ts),
 * each spec's validators with the fingerprint of the document they came from. Run from the sources
 * (tsx, the tests), every validator compiles on first use.
 */
export const GENERATED_VALIDATORS: Readonly<Partial<Record<SpecName, GeneratedValidators>>> = {};
