// Real meeting software for the end-to-end tests: Debian's Janus (janus, janus-demos) started with a
// private configuration in a private network namespace (support/netns.ts), its VideoRoom and
// AudioBridge demos served over https under a test host name (support/janus-demos-server.ts), and
// headless Chromium participants with fake mics. The coach joins as a site the person added: a copy
// of the built extension whose manifest lists the test host in host_permissions, since headless
// Chromium cannot answer the permission prompt (../shared/docs/architecture.md, "Verified 2026-12-01").
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchCoachBrowser, type CoachBrowser } from '../../../harness/browser';
import { EXTENSION_DIR, ROOT } from '../../../harness/build';
import { selfSignedCert } from '../../../harness/https-server';
import { createNetNamespace, NETNS_ADDRESSES, netnsUnavailable, type NetNamespace } from './netns';

export const JANUS_HOST = 'janus.listening-coach.test';
export const JANUS_ORIGIN = `https://${JANUS_HOST}`;
const JANUS = '/usr/bin/janus';
const DEMOS = '/usr/share/janus/demos';
const SYSTEM_CONFIG = '/etc/janus';
/** Inside the namespace, nothing else listens: fixed ports. */
const HTTP_API_PORT = 8088;
const DEMOS_PORT = 8443;

/** Why the Janus tests cannot run here, or null when they can (CI must have everything). */
export function janusUnavailable(): string | null {
  if (!existsSync(JANUS)) return `${JANUS} not found (apt-get install janus)`;
  if (!existsSync(join(DEMOS, 'videoroomtest.html'))) return `${DEMOS} not found (apt-get install janus-demos)`;
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) return 'the extension is not built';
  return netnsUnavailable();
}

/** `key = "value"` of the system configuration (the package's own folders). */
function systemSetting(key: string): string {
  const found = new RegExp(`^\\s*${key}\\s*=\\s*"([^"]+)"`, 'm').exec(
    readFileSync(join(SYSTEM_CONFIG, 'janus.jcfg'), 'utf8'),
  );
  const [, value] = found ?? [];
  if (value === undefined) throw new Error(`${key} not found in ${SYSTEM_CONFIG}/janus.jcfg`);
  return value;
}

/** Janus with only what the demos need: the HTTP API on loopback, VideoRoom and AudioBridge. */
function writeConfig(dir: string): void {
  const off = (names: string[]) => names.map((n) => `libjanus_${n}.so`).join(',');
  writeFileSync(
    join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = "${dir}"
  plugins_folder = "${systemSetting('plugins_folder')}"
  transports_folder = "${systemSetting('transports_folder')}"
  events_folder = "${systemSetting('events_folder')}"
  loggers_folder = "${systemSetting('loggers_folder')}"
  debug_level = 4
  admin_secret = "${Math.random().toString(36).slice(2)}"
}
certificates: {}
media: {}
nat: {
  nice_debug = false
  ice_enforce_list = "lc0"
}
plugins: {
  disable = "${off(['duktape', 'echotest', 'lua', 'nosip', 'recordplay', 'sip', 'streaming', 'textroom', 'videocall', 'voicemail'])}"
}
transports: {
  disable = "${off(['mqtt', 'nanomsg', 'pfunix', 'rabbitmq', 'websockets'])}"
}
loggers: {
  disable = "${off(['jsonlog'])}"
}
events: {}
`,
  );
  writeFileSync(
    join(dir, 'janus.transport.http.jcfg'),
    `general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = ${HTTP_API_PORT}
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
  admin_https = false
}
cors: {}
`,
  );
  for (const plugin of ['videoroom', 'audiobridge']) {
    cpSync(join(SYSTEM_CONFIG, `janus.plugin.${plugin}.jcfg`), join(dir, `janus.plugin.${plugin}.jcfg`));
  }
}

async function waitForFileLine(file: string, pattern: RegExp, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (pattern.test(text)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start: ${text.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function waitForLine(
  child: ReturnType<NetNamespace['spawn']>,
  pattern: RegExp,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${seen.slice(-2000)}`)), timeoutMs);
    const onData = (data: Buffer) => {
      seen += data.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}): ${seen.slice(-2000)}`));
    });
  });
}

export interface JanusRig {
  /** The coach's browser: the extension copy, with the demos host added as a meeting site. */
  launchCoach(micWav: string): Promise<CoachBrowser>;
  /** Another participant: no extension. */
  launchPeer(micWav: string): Promise<CoachBrowser>;
  close(): Promise<void>;
}

export async function startJanus(): Promise<JanusRig> {
  const dir = mkdtempSync(join(tmpdir(), 'lc-janus-'));
  const ns = await createNetNamespace();
  try {
    const config = join(dir, 'config');
    mkdirSync(config);
    writeConfig(config);
    // Its own address on the namespace's veth: with no route out, Janus finds none by itself.
    const log = join(dir, 'janus.log');
    ns.spawn(JANUS, ['-C', join(config, 'janus.jcfg'), '-F', config, '-i', NETNS_ADDRESSES[0], '-o', '-N', '-L', log], {
      stdio: 'ignore',
    });
    await waitForFileLine(log, /HTTP webserver started/, 'Janus');

    const { key, cert } = selfSignedCert(dir);
    writeFileSync(join(dir, 'key.pem'), key);
    writeFileSync(join(dir, 'cert.pem'), cert);
    const demos = ns.spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'tests/e2e/support/janus-demos-server.ts'),
        String(DEMOS_PORT),
        String(HTTP_API_PORT),
        DEMOS,
        dir,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitForLine(demos, /listening/, 'the demos server');

    // The coach as a site the person added: its manifest already grants the host.
    const extensionDir = join(dir, 'extension');
    cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
    const manifestPath = join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
    manifest.host_permissions.push(`${JANUS_ORIGIN}/*`);
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const chromium = ns.wrapper(CHROMIUM, dir);
    const launch = (micWav: string, withExtension: boolean) =>
      launchCoachBrowser({
        micWav,
        withExtension,
        extensionDir,
        executablePath: chromium,
        hostRules: `MAP ${JANUS_HOST} 127.0.0.1:${DEMOS_PORT}`,
        // The demos start their AudioContext and play remote audio without a click of their own.
        extraArgs: ['--autoplay-policy=no-user-gesture-required'],
      });
    return {
      async launchCoach(micWav) {
        const browser = await launch(micWav, true);
        await addMeetingSite(browser, JANUS_ORIGIN);
        return browser;
      },
      launchPeer: (micWav) => launch(micWav, false),
      async close() {
        ns.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    ns.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Adds the site in the settings page, as a person does, and waits until the coach is registered there. */
async function addMeetingSite(browser: CoachBrowser, origin: string): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.fill('#custom-site', origin);
  await options.getByRole('button', { name: 'Add site' }).click();
  await options.getByText(origin, { exact: true }).waitFor({ timeout: 10_000 });
  await options.close();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const registered = await browser.serviceWorker!.evaluate(
      async () => (await chrome.scripting.getRegisteredContentScripts()).length,
    );
    if (registered >= 2) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the coach was not registered on ${origin}`);
}

/** A participant in one of the demos: joins under a name, mutes with the demo's own button, leaves. */
export interface DemoCall {
  page: Page;
  join(name: string): Promise<void>;
  toggleMute(): Promise<void>;
  leave(): Promise<void>;
}

const DEMO_PAGES = {
  videoroom: { path: '/videoroomtest.html', mute: '#mute', joined: '#videolocal' },
  audiobridge: { path: '/audiobridgetest.html', mute: '#toggleaudio', joined: '#room' },
} as const;

export async function openDemo(browser: CoachBrowser, demo: keyof typeof DEMO_PAGES): Promise<DemoCall> {
  const { path, mute } = DEMO_PAGES[demo];
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => console.warn(`[janus ${demo} page error]`, error.message));
  await page.goto(`${JANUS_ORIGIN}${path}`);
  await page.waitForFunction(() => typeof (window as unknown as { Janus?: unknown }).Janus !== 'undefined');
  return {
    page,
    async join(name) {
      await page.click('#start');
      await page.locator('#username').waitFor({ state: 'visible', timeout: 20_000 });
      await page.fill('#username', name);
      await page.click('#register');
      await page.locator(mute).waitFor({ state: 'visible', timeout: 20_000 });
    },
    toggleMute: () => page.click(mute),
    async leave() {
      await page.click('#start'); // "Stop": the demo destroys its session and reloads
      await page.waitForLoadState('load');
    },
  };
}
