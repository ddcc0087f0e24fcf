import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { Core } from '../main/core/app';
import { contentTypeFor } from '../shared/contentType';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

const MAX_BODY = 64 * 1024 * 1024; // base64 of a 40 MiB import file, plus JSON

export interface HostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the handlers on 127.0.0.1 only, for Playwright and as
 * the fallback where Electron is absent. Calls need the per-launch token; the Host and Origin
 * headers must name this loopback address, which stops DNS-rebinding and cross-site pages.
 */
export function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, 'text/plain', 'Internal error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (`http://${req.headers.host ?? ''}` !== origin) return send(res, 421, 'text/plain', 'Wrong host');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/api/invoke') return invoke(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'Method not allowed');
    return serveStatic(url.pathname, res);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
    if (req.headers.origin && req.headers.origin !== origin)
      return send(res, 403, 'text/plain', 'Wrong origin');
    const given = Buffer.from(String(req.headers['x-ttll-token'] ?? ''));
    if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf))
      return send(res, 401, 'text/plain', 'Bad token');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
      return send(res, 415, 'text/plain', 'JSON only');
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'text/plain', 'Too large');
    let msg: { channel?: unknown; input?: unknown };
    try {
      msg = JSON.parse(body) as typeof msg;
    } catch {
      return send(res, 400, 'text/plain', 'Bad JSON');
    }
    const result = await opts.core.invoke(String(msg.channel), msg.input);
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = join(opts.rendererDir, rel || 'index.html');
    if (!file.startsWith(opts.rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, 'text/plain', 'Not found');
    }
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    send(res, 200, contentTypeFor(file), readFileSync(file));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/#token=${token}`,
        origin,
        token,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
