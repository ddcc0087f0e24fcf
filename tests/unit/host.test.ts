import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src/host/server';
import { openCore, tempDir } from '../helpers/core';

function http(
  host: RunningHost,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const u = new URL(path, host.origin);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: u.port,
          path: u.pathname,
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
      req.end(opts.body);
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
    body = JSON.stringify({ channel: 'vault.status', input: {} }),
  ) =>
    http(host, '/api/invoke', {
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

  it('serves the renderer with a CSP and nothing outside its folder', async () => {
    const page = await http(host, '/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
    expect((await http(host, '/../../etc/passwd')).status).toBe(404);
    expect((await http(host, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
