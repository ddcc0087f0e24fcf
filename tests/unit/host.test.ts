import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src/host/server';
import { openCore, tempDir } from '../helpers/core';

function http(
  host: RunningHost,
  path: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    /** One body, sent with its Content-Length; or chunks, sent chunked with no length declared. */
    body?: string | Buffer | Buffer[];
  } = {},
) {
  const u = new URL(host.origin);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: u.port,
          path, // as given: malformed escapes must reach the server untouched
          method: opts.method ?? 'GET',
          headers: { host: u.host, ...opts.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString(),
              headers: res.headers,
            }),
          );
        },
      );
      req.on('error', reject);
      if (Array.isArray(opts.body)) {
        for (const chunk of opts.body) req.write(chunk);
        req.end();
      } else req.end(opts.body);
    },
  );
}

describe('browser host', () => {
  let host: RunningHost;
  const rendererDir = join(tempDir('ttll-renderer-'), 'renderer');
  beforeAll(async () => {
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>TTLL</title>');
    host = await startHost({ core: openCore(), rendererDir });
  });
  afterAll(() => host.close());

  const invoke = (
    headers: Record<string, string>,
    body: string | Buffer | Buffer[] = JSON.stringify({ channel: 'vault.status', input: {} }),
    target: RunningHost = host,
  ) =>
    http(target, '/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('listens on loopback and prints a URL carrying the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
  });

  it('answers a call with the right token', async () => {
    const r = await invoke({ 'x-ttll-token': host.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { state: 'uninitialized' } });
  });

  it('refuses a missing or wrong token, a foreign origin and a foreign Host header', async () => {
    expect((await invoke({})).status).toBe(401);
    expect((await invoke({ 'x-ttll-token': host.token.slice(1) + 'x' })).status).toBe(401);
    expect((await invoke({ 'x-ttll-token': host.token, origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke({ 'x-ttll-token': host.token, host: 'evil.example' })).status).toBe(421);
  });

  it('rejects unknown channels and bad JSON', async () => {
    const r = await invoke({ 'x-ttll-token': host.token }, JSON.stringify({ channel: 'fs.read', input: {} }));
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await invoke({ 'x-ttll-token': host.token }, '{nope')).status).toBe(400);
  });

  it('answers 400, not 500, to a malformed URL path', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js', '/api/%']) {
      const r = await http(host, path);
      expect(r.status, path).toBe(400);
      expect(r.body, path).toBe('Bad URL');
    }
  });

  it('answers 400 with a one-line reason when the JSON body is not an object', async () => {
    for (const body of ['null', '1', '"app.status"', '[]', '[{"channel":"app.status"}]']) {
      const r = await invoke({ 'x-ttll-token': host.token }, body);
      expect(r.status, body).toBe(400);
      expect(r.body, body).toMatch(/^[^\r\n]+$/);
      expect(r.body, body).toContain('JSON object');
    }
  });

  it('accepts application/json, optionally with charset=utf-8', async () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'Application/JSON',
    ]) {
      expect((await invoke({ 'x-ttll-token': host.token, 'content-type': type })).status, type).toBe(200);
    }
  });

  it('refuses any other content type with 415, application/jsonx included', async () => {
    for (const type of [
      'application/jsonx',
      'application/json-patch+json',
      'application/json; charset=latin1',
      'application/json; charset=utf-8; x=1',
      'application/json, text/plain',
      'text/plain',
      '',
    ]) {
      const r = await invoke({ 'x-ttll-token': host.token, 'content-type': type });
      expect(r.status, type).toBe(415);
    }
  });

  it('answers 413 to a body over the cap, then closes the connection cleanly', async () => {
    // Just over the real cap (64 MiB), with its length declared, as a browser would send it.
    const big = Buffer.alloc(64 * 1024 * 1024 + 1, 0x20);
    const r = await invoke({ 'x-ttll-token': host.token }, big);
    expect(r.status).toBe(413);
    expect(r.body).toBe('Too large');
    expect(r.headers.connection).toBe('close');
    // The host is still there for the next call.
    expect((await invoke({ 'x-ttll-token': host.token })).status).toBe(200);
  });

  it('answers 413 to a streamed (chunked) body that grows past the cap', async () => {
    const small = await startHost({ core: openCore(), rendererDir, maxBody: 1024 });
    try {
      const chunks = [Buffer.alloc(800, 0x20), Buffer.alloc(800, 0x20), Buffer.alloc(800, 0x20)];
      const r = await invoke({ 'x-ttll-token': small.token }, chunks, small);
      expect(r.status).toBe(413);
      expect(r.body).toBe('Too large');
      expect(r.headers.connection).toBe('close');
      // Just under the cap still goes through.
      const ok = await invoke({ 'x-ttll-token': small.token }, undefined, small);
      expect(ok.status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('sends X-Frame-Options: DENY and the CSP on every response', async () => {
    const responses = [
      await http(host, '/'),
      await http(host, '/missing.js'),
      await http(host, '/', { method: 'PUT' }),
      await invoke({}),
      await invoke({ 'x-ttll-token': host.token }),
      await invoke({ 'x-ttll-token': host.token }, '{nope'),
      await invoke({ 'x-ttll-token': host.token, 'content-type': 'text/plain' }),
      await invoke({ 'x-ttll-token': host.token, host: 'evil.example' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 405, 401, 200, 400, 415, 421]);
    for (const r of responses) {
      expect(r.headers['x-frame-options'], String(r.status)).toBe('DENY');
      expect(String(r.headers['content-security-policy']), String(r.status)).toContain(
        "frame-ancestors 'none'",
      );
    }
  });

  it('serves the renderer with a CSP and nothing outside its folder', async () => {
    const page = await http(host, '/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
    expect((await http(host, '/../../etc/passwd')).status).toBe(404);
    expect((await http(host, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
