// Serves the fixture meeting pages over HTTPS on 127.0.0.1 with a self-signed certificate made at
// test time; Chromium maps the real meeting host names here (--host-resolver-rules), so the
// extension's real manifest matches and site adapters run on them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';

export const SITES_DIR = resolve(import.meta.dirname, '../tests/e2e/sites');

/** The far end of every fixture call (sites/fixture-peer.html): a host no coach script matches. */
export const PEER_ORIGIN = 'https://peer.listening-coach.test';

/** The page served for each host; one fixture page per site (helper scripts are shared). */
export const FIXTURE_HOSTS: Record<string, string> = {
  'meet.google.com': 'meet.html',
  'teams.microsoft.com': 'teams.html',
  'app.zoom.us': 'zoom.html',
  'acme.webex.com': 'webex.html',
  'meet.jit.si': 'jitsi.html',
  'whereby.com': 'whereby.html',
  [new URL(PEER_ORIGIN).host]: 'fixture-peer.html',
};

/** Page CSP like Meet's: no inline script, no eval, Trusted Types enforced for script sinks. */
export const STRICT_CSP = "script-src 'self'; object-src 'none'; require-trusted-types-for 'script'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wav': 'audio/wav',
};

export interface FixtureServer {
  port: number;
  /** Serve a file at https://<any fixture host>/fixture-audio/<name>. */
  addAudio(name: string, path: string): string;
  close(): Promise<void>;
}

/** A certificate for the fixture hosts, made at test time (never committed). */
export function selfSignedCert(dir: string): { key: Buffer; cert: Buffer } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=listening-coach-fixtures',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const certDir = mkdtempSync(join(tmpdir(), 'lc-cert-'));
  const audio = new Map<string, string>();
  const server: Server = createServer(selfSignedCert(certDir), (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
    const host = url.hostname;
    let file: string | null = null;
    if (url.pathname.startsWith('/fixture-audio/')) file = audio.get(basename(url.pathname)) ?? null;
    else if (extname(url.pathname) && existsSync(join(SITES_DIR, basename(url.pathname)))) {
      // Shared helper scripts (fixture-site.js, fixture-call.js) wherever a page's path puts them.
      file = join(SITES_DIR, basename(url.pathname));
    } else if (FIXTURE_HOSTS[host]) file = join(SITES_DIR, FIXTURE_HOSTS[host]);
    if (!file || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (url.searchParams.get('csp') === 'strict') headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    addAudio(name, path) {
      audio.set(name, path);
      return `/fixture-audio/${name}`;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(certDir, { recursive: true, force: true });
          done();
        });
      }),
  };
}
