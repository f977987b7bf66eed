// The framework ceiling: a bare Express 5 app answering the bench's task requests from memory.
import express from 'express';
import { memoryTasks, peerArgs } from './memory-tasks.ts';

const { port, data } = peerArgs(process.argv.slice(2));
const tasks = memoryTasks(data);
const app = express();
// As the mock does: no ETag hashing of every body, no X-Powered-By.
app.set('etag', false);
app.disable('x-powered-by');

app.get('/tasks/:id', (req, res) => {
  const task = tasks.get(req.params.id);
  if (task) res.json(task);
  else res.status(404).json({ error: 'NOT_FOUND' });
});
app.get('/tasks', (req, res) => {
  const text = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : null);
  res.json(tasks.page(text('status'), Number(text('page') ?? 1), Number(text('perPage') ?? 20)));
});
app.post('/tasks', express.json(), (req, res) => {
  const task = tasks.create(req.body as Record<string, unknown>);
  if (task) res.status(201).json(task);
  else res.status(400).json({ error: 'VALIDATION_ERROR' });
});
app.listen(port, '127.0.0.1');

// A normal exit on SIGTERM, so that `node --cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
