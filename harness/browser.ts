// Debian's Chromium with the built extension, a fake mic playing a WAV, and the fixture server
// standing in for the real meeting hosts.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { EXTENSION_DIR } from './build';
import { FIXTURE_HOSTS } from './https-server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A quiet browser: nothing of its own on the network, nothing that competes for the CPU. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface CoachBrowser {
  context: BrowserContext;
  /** Empty when launched without the extension (a baseline for measurements). */
  extensionId: string;
  serviceWorker: Worker | null;
  /** The profile folder, unique to this browser: it names its processes on the command line. */
  userDataDir: string;
  close(): Promise<void>;
}

export async function launchCoachBrowser(options: {
  /** The fixture server every fixture host is mapped to… */
  serverPort?: number;
  /** …or host resolver rules of the caller's own (e.g. the Janus demos' host). */
  hostRules?: string;
  /** A Chromium other than Debian's (e.g. a wrapper that runs it in a network namespace). */
  executablePath?: string;
  /** The fake mic plays this WAV, looping (16 or 48 kHz PCM16). */
  micWav: string;
  headless?: boolean;
  /** Default true; false launches the same browser without the extension. */
  withExtension?: boolean;
  /** More unpacked extensions to load beside it (e.g. a stranger that tries to message it). */
  extraExtensions?: string[];
  /** More Chromium switches (e.g. --remote-debugging-port=0 for support/cdp.ts). */
  extraArgs?: string[];
  /** A built extension other than the tests' own (.output/chrome-mv3), e.g. a benchmark's copy. */
  extensionDir?: string;
  /** Run Chromium as a person's desktop does, without the right to real-time audio threads (as
   *  root here, its audio threads get SCHED_RR and no load of other processes can delay them). */
  withoutRealtimeAudio?: boolean;
  /** The browser's language (on Linux Chromium takes it from LANGUAGE, not from --lang). */
  language?: string;
}): Promise<CoachBrowser> {
  const withExtension = options.withExtension ?? true;
  const extensions = (dir: string) => [dir, ...(options.extraExtensions ?? [])].join(',');
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const userDataDir = mkdtempSync(join(tmpdir(), 'lc-profile-'));
  const hostRules =
    options.hostRules ??
    Object.keys(FIXTURE_HOSTS)
      .map((host) => `MAP ${host} 127.0.0.1:${options.serverPort}`)
      .join(',');
  let executablePath = options.executablePath ?? CHROMIUM;
  if (options.withoutRealtimeAudio && process.getuid?.() === 0 && existsSync('/usr/bin/setpriv')) {
    executablePath = join(userDataDir, 'chromium-without-realtime');
    writeFileSync(
      executablePath,
      `#!/bin/sh\nexec /usr/bin/setpriv --bounding-set -sys_nice --inh-caps -sys_nice ${CHROMIUM} "$@"\n`,
    );
    chmodSync(executablePath, 0o755);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    ignoreHTTPSErrors: true,
    ...(options.language ? { env: { ...process.env, LANGUAGE: options.language } } : {}),
    args: [
      ...QUIET_CHROMIUM_ARGS,
      ...(withExtension
        ? [`--disable-extensions-except=${extensions(extensionDir)}`, `--load-extension=${extensions(extensionDir)}`]
        : []),
      `--host-resolver-rules=${hostRules}`,
      '--ignore-certificate-errors',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${options.micWav}`,
      ...(options.extraArgs ?? []),
    ],
  });
  // Ours is background.js (extra extensions name theirs otherwise).
  const ours = (worker: Worker) => worker.url().endsWith('/background.js');
  const serviceWorker = withExtension
    ? (context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours })))
    : null;
  const extensionId = serviceWorker ? new URL(serviceWorker.url()).host : '';
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
