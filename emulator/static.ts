/**
 * Serves a folder of static files from the emulator's own HTTP server (npm start: the built browser preview,
 * preview/dist/): `/` is its index.html, the rest beside it. Only GET and HEAD of files inside the folder;
 * everything else stays the emulator's (the API, /admin, /_emulator/*).
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** Answers the request from `dir` when it names a file there; false when it is not the preview's. */
export function serveStatic(dir: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return false;
  }
  const file = path.join(dir, path.normalize(rel));
  if (!file.startsWith(path.resolve(dir) + path.sep)) return false;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
  return true;
}
