/** Whether a bundle written by scripts/bundle.ts is newer than every project file it was built from. */
export function bundleIsFresh(bundle: string): boolean;
