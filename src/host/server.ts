import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { Core } from '../main/core/app';
import { contentTypeFor } from '../shared/contentType';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

const MAX_BODY = 64 * 1024 * 1024; // base64 of a 40 MiB import file, plus JSON
/** How long a client over the body cap may go on sending (dropped) before it is answered and cut off. */
const DRAIN_MS = 5_000;
/**
 * The one request type the API takes: application/json, optionally with charset=utf-8 and nothing
 * else (type, subtype and charset compare case-insensitively, RFC 9110). No prefix match, so
 * application/jsonx or application/json-patch+json are refused.
 */
const JSON_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset=(?:utf-8|"utf-8")[ \t]*)?$/i;

/** On every response, errors included: the page may not be framed, sniffed or cached. */
const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface HostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest request body in bytes; MAX_BODY unless a test lowers it. */
  maxBody?: number;
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
  const maxBody = opts.maxBody ?? MAX_BODY;
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else send(res, 500, 'text/plain', 'Internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(RESPONSE_HEADERS)) res.setHeader(name, value);
    if (`http://${req.headers.host ?? ''}` !== origin) return send(res, 421, 'text/plain', 'Wrong host');
    // A path that does not parse, or whose %-escapes do not decode (`/%`, `/%E0%A4%A`), is the
    // client's error: 400, not a 500 from deeper down.
    let pathname: string;
    let decoded: string;
    try {
      pathname = new URL(req.url ?? '/', origin).pathname;
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'text/plain', 'Bad URL');
    }
    if (pathname === '/api/invoke') return invoke(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'Method not allowed');
    return serveStatic(decoded, res);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
    if (req.headers.origin && req.headers.origin !== origin)
      return send(res, 403, 'text/plain', 'Wrong origin');
    const given = Buffer.from(String(req.headers['x-ttll-token'] ?? ''));
    if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf))
      return send(res, 401, 'text/plain', 'Bad token');
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) return send(res, 415, 'text/plain', 'JSON only');
    const body = await readBody(req, maxBody);
    if (body === null) return refuseTooLarge(req, res);
    let msg: unknown;
    try {
      msg = JSON.parse(body);
    } catch {
      return send(res, 400, 'text/plain', 'Bad JSON');
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
      return send(res, 400, 'text/plain', 'Body must be a JSON object {"channel", "input"}');
    const { channel, input } = msg as { channel?: unknown; input?: unknown };
    const result = await opts.core.invoke(String(channel), input);
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  /** `decoded`: the URL path, %-escapes already decoded. */
  function serveStatic(decoded: string, res: ServerResponse): void {
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(opts.rendererDir, rel || 'index.html');
    if (!file.startsWith(opts.rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, 'text/plain', 'Not found');
    }
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

/** The body as text, or null once it is over `max` bytes (declared or counted); nothing past `max` is kept. */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  if (Number(req.headers['content-length']) > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= max) return void chunks.push(c);
      req.off('data', onData);
      req.pause(); // refuseTooLarge resumes it to drop the rest
      chunks.length = 0;
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * 413 for a body over the cap, without resetting the socket under the answer (destroying the
 * request, as before, made the client see a reset instead of any status): the rest of the body is
 * read and dropped, then the answer goes out with Connection: close and the server closes the
 * socket. A client still sending after DRAIN_MS is answered anyway and cut off.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const answer = (): void => {
    if (res.headersSent || res.destroyed) return;
    res.setHeader('Connection', 'close');
    send(res, 413, 'text/plain', 'Too large');
  };
  if (req.complete) return answer();
  const timer = setTimeout(answer, DRAIN_MS);
  req.once('end', () => {
    clearTimeout(timer);
    answer();
  });
  req.once('close', () => clearTimeout(timer)); // the client gave up: nobody to answer
  req.resume();
}
