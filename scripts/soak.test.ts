import { describe, expect, it } from 'vitest';
import { recordFigures } from '../test/reliability/figures.ts';
import { runSoak } from './soak.ts';

// The CI's short soak: 10 s of mixed traffic (`npm run soak` runs 60 s). The RSS baseline is taken
// after 5 s, once the heap has grown to its working size (measured: 1-6% growth after it).
describe('soak, short mode', () => {
  it('answers every request of 10 s of mixed traffic as the flows expect, and the RSS stays within 20%', async () => {
    const result = await runSoak({ seconds: 10, users: 8, warmupSeconds: 5, maxRssGrowth: 0.2 });
    recordFigures('soak-short', { ...result });
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(500);
    expect(Object.keys(result.scenarios).sort()).toEqual(['files', 'paceChange', 'phoneChange', 'reads', 'tasks']);
    expect(result.rssMiB.growthPercent).toBeLessThanOrEqual(20);
  }, 90_000);
});
