/**
 * A minimal HTTP front for the database service alone: POST /admin with a signed JSON body, as the SDK sends it.
 * The full emulator (emulator/server.ts) routes the same bodies here; this one exists so the service can be tested
 * and benchmarked through the real SDK on its own. It checks the body and the signature as the full emulator does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, readJson, send } from '../http';
import { type Credentials, DEFAULT_CREDENTIALS, SIGNATURE_ERROR, SignatureError, verifySignature } from '../signature';
import type { DatabaseService } from './index';

export interface DatabaseHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function answer(service: DatabaseService, credentials: Credentials, req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJson(req);
  try {
    verifySignature(req, body, credentials);
  } catch (err) {
    if (err instanceof SignatureError) return { code: SIGNATURE_ERROR, message: err.message, requestId: 'none' };
    throw err;
  }
  return service.handle(body);
}

export function serveDatabase(service: DatabaseService, port = 0, credentials: Credentials = DEFAULT_CREDENTIALS): Promise<DatabaseHttpServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || !(req.url ?? '').startsWith('/admin'))
      return send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}` });
    answer(service, credentials, req).then(
      (reply) => send(res, 200, reply),
      (err) =>
        err instanceof HttpError ? send(res, err.status, { code: err.code, message: err.message }) : send(res, 500, { code: 'SYS_ERR', message: String(err) }),
    );
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
