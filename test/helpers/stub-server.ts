/**
 * A tiny HTTP server on 127.0.0.1 that answers every request with a handler of
 * the test's choosing: for replies no honest License Manager gives (a body that
 * drips, one that never ends, one too large, an error echoing the signed request).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StubServer {
  url: string;
  /** Requests received, with their headers. */
  requests: { target: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startStub(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<StubServer> {
  const sockets = new Set<Socket>();
  const requests: StubServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ target: String(req.headers['x-amz-target'] ?? ''), headers: req.headers });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Headers at once, then one byte every `everyMs` for ever (until the client goes away). */
export function drip(everyMs = 1000) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}
