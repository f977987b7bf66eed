// The platform ceiling: node:http answering the bench's task requests from memory.
import { createServer, type ServerResponse } from 'node:http';
import { memoryTasks, peerArgs } from './memory-tasks.ts';

const { port, data } = peerArgs(process.argv.slice(2));
const tasks = memoryTasks(data);

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname.startsWith('/tasks/')) {
    const task = tasks.get(url.pathname.slice('/tasks/'.length));
    return task ? send(res, 200, task) : send(res, 404, { error: 'NOT_FOUND' });
  }
  if (req.method === 'GET' && url.pathname === '/tasks') {
    return send(
      res,
      200,
      tasks.page(url.searchParams.get('status'), Number(url.searchParams.get('page') ?? 1), Number(url.searchParams.get('perPage') ?? 20)),
    );
  }
  if (req.method === 'POST' && url.pathname === '/tasks') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let task;
      try {
        task = tasks.create(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      } catch {
        task = undefined;
      }
      if (task) send(res, 201, task);
      else send(res, 400, { error: 'VALIDATION_ERROR' });
    });
    return;
  }
  send(res, 404, { error: 'NOT_FOUND' });
}).listen(port, '127.0.0.1');

// A normal exit on SIGTERM, so that `node --cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
