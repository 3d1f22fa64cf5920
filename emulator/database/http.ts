/**
 * A minimal HTTP front for the database service alone: POST /admin with a JSON body, as the SDK sends it.
 * The full emulator (emulator/server.ts) routes the same bodies here; this one exists so the service can be tested
 * and benchmarked through the real SDK on its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseService } from './index';

export interface DatabaseHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveDatabase(service: DatabaseService, port = 0): Promise<DatabaseHttpServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      if (req.method !== 'POST' || !(req.url ?? '').startsWith('/admin')) {
        send(404, { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}` });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        send(200, { code: 'INVALID_PARAM', message: `请求体不是合法的 JSON (malformed JSON body): ${(e as Error).message}`, requestId: 'none' });
        return;
      }
      void service.handle(body as Record<string, unknown>).then((reply) => send(200, reply));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${p}/admin`,
        port: p,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
