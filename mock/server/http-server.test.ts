import { describe, expect, it } from 'vitest';
import { listen } from '../../test/reliability/listening.ts';
import { bearer, createTestApp } from '../../test/harness.ts';

describe('startServer', () => {
  it("makes each request and response with the app's prototypes, which still lead to Express's", async () => {
    const mock = await createTestApp();
    const listening = await listen(mock);
    const made: object[] = [];
    listening.server.prependListener('request', (req, res) =>
      made.push(Object.getPrototypeOf(req) as object, Object.getPrototypeOf(res) as object),
    );
    try {
      const answer = await fetch(`${listening.origin}/api/tasks`, { headers: { Authorization: bearer('alice') } });
      expect(answer.status).toBe(200);
      expect(made[0]).toBe(mock.app.request);
      expect(made[1]).toBe(mock.app.response);
      expect(typeof mock.app.request.get).toBe('function');
      expect(typeof mock.app.response.json).toBe('function');
      expect(mock.app.request.app).toBe(mock.app);
    } finally {
      listening.close();
    }
  });
});
