// The Janus demos as a meeting site: Debian's /usr/share/janus/demos served over https under a test
// host name, with Janus' HTTP API proxied at /janus (its transport listens on loopback only). Run
// inside the test's network namespace by support/janus.ts:
//   node --import tsx janus-demos-server.ts PORT JANUS_PORT DEMOS_DIR CERT_DIR
// Debian's settings.js never defines `token` and `apisecret` (every demo then fails with "token is
// not defined"), and points at Janus' own port: the page gets settings of its own.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:https';
import { extname, join, normalize } from 'node:path';

const [port, janusPort, demosDir, certDir] = process.argv.slice(2);
if (!port || !janusPort || !demosDir || !certDir) {
  console.error('usage: janus-demos-server.ts PORT JANUS_PORT DEMOS_DIR CERT_DIR');
  process.exit(2);
}

const SETTINGS = 'var server = "/janus";\nvar iceServers = null;\nvar token = null;\nvar apisecret = null;\n';
const JAVASCRIPT = 'text/javascript; charset=utf-8';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': JAVASCRIPT,
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const server = createServer(
  { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
  (req, res) => {
    const url = new URL(req.url ?? '/', 'https://demos');
    if (url.pathname.startsWith('/janus')) {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: Number(janusPort),
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: `127.0.0.1:${janusPort}` },
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    if (url.pathname === '/settings.js') {
      res.writeHead(200, { 'content-type': JAVASCRIPT, 'cache-control': 'no-store' }).end(SETTINGS);
      return;
    }
    const file = join(demosDir, normalize(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(demosDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  },
);
server.listen(Number(port), '127.0.0.1', () => console.log('listening'));
