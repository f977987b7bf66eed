// A client of the mock's server-sent event stream (GET /__mock/events), for tests.
import { get, type IncomingMessage } from 'node:http';

/** The server-sent events of one stream, in order, as `{ event, data }`. */
export function subscribe(url: string) {
  return new Promise<{ res: IncomingMessage; seen: { event: string; data: unknown }[]; close(): void }>((resolve, reject) => {
    const req = get(url, (res) => {
      const seen: { event: string; data: unknown }[] = [];
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) seen.push({ event, data: JSON.parse(data) });
        }
      });
      resolve({ res, seen, close: () => req.destroy() });
    });
    req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
  });
}
