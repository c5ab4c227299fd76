// Privacy, proven in Chromium with the built extension:
// - the manifest asks for the narrowest permissions that work;
// - a whole call (meeting tab, extension frame, speech-model worker, the speech recogniser's worker
//   with words on, service worker, popup, settings) makes no network request of the extension's: every request of every target is recorded through
//   the DevTools protocol, and the only ones allowed are the fixture page's own;
// - nothing audio-like is written anywhere: the extension's IndexedDB and chrome.storage are read
//   back after the call, and the meeting site's own storage stays empty;
// - neither the page nor another extension can drive the coach: forged window messages, the page
//   connecting to the extension frame, another extension messaging the background.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEETING_MATCHES } from '../../lib/sites/hosts';
import type { CoachBrowser } from '../../harness/browser';
import { builtSpeechModel, EXTENSION_DIR } from '../../harness/build';
import type { CdpWatcher, SeenRequest } from './support/cdp';
import { espeakScene } from '../../harness/scenes';
import { useCallRig } from './support/call-rig';
import { readCalls, readOverlay, waitForCall, waitForOverlayState } from '../../harness/coach';
import { FIXTURE_URLS, join, leave, openFixtureCall } from '../../harness/fixture-call';
import { PEER_ORIGIN } from '../../harness/https-server';
import { setWords } from '../../harness/words';

const SCENE = [
  { by: 'self', at: 0.5, text: 'Hi, can you hear me? I wanted to go through the contract before Friday.' },
  {
    by: 'others',
    at: 6,
    text: 'Yes, loud and clear. I read it yesterday and have two questions about the renewal terms.',
  },
  { by: 'self', at: 13, text: 'Sure, go ahead, I have the document open.' },
  { by: 'others', at: 17, text: 'First, is the price fixed for three years, or only for the first one?' },
] as const;

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[] }[];
  web_accessible_resources?: {
    resources: string[];
    matches: string[];
    extension_ids?: string[];
    use_dynamic_url?: boolean;
  }[];
  externally_connectable?: { ids?: string[]; matches?: string[] };
  content_security_policy?: { extension_pages?: string; sandbox?: string };
}

/** An extension that is not ours and tries to talk to ours. */
function strangerExtension(): string {
  const dir = mkdtempSync(joinPath(tmpdir(), 'lc-stranger-'));
  writeFileSync(
    joinPath(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Stranger',
      version: '1.0',
      background: { service_worker: 'stranger.js' },
    }),
  );
  writeFileSync(joinPath(dir, 'stranger.js'), '// driven by the test through DevTools\n');
  return dir;
}

let browser: CoachBrowser;
let cdp: CdpWatcher;
let othersPath: string;

useCallRig({
  name: 'privacy',
  audio: (dir) => espeakScene(SCENE, 30, dir),
  watch: true,
  extraExtensions: [strangerExtension()],
  ready: async (rig) => {
    ({ browser, cdp, othersPath } = rig);
    // Words on, so the speech recogniser's worker is watched too.
    await setWords(browser, { enabled: true, keepMyQuestions: false });
  },
});

describe('the manifest asks for the narrowest permissions that work', () => {
  const manifest = JSON.parse(readFileSync(joinPath(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;
  const text = JSON.stringify(manifest);
  const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();

  it('no <all_urls>, no plain http, no wildcard scheme anywhere', () => {
    expect(text).not.toMatch(/<all_urls>|http:\/\/|\*:\/\//);
  });

  it('API permissions: only storage, offscreen (tab capture), tabCapture and scripting (custom sites, open tabs after an update); notifications only when the person allows the recap', () => {
    expect(sorted(manifest.permissions)).toEqual(['offscreen', 'scripting', 'storage', 'tabCapture']);
    expect(manifest.optional_permissions ?? []).toEqual(['notifications']);
  });

  it('hosts: the meeting sites only, the same as the content scripts; other sites asked for one by one at run time', () => {
    expect(sorted(manifest.host_permissions)).toEqual(sorted(MEETING_MATCHES));
    for (const script of manifest.content_scripts ?? [])
      expect(sorted(script.matches)).toEqual(sorted(MEETING_MATCHES));
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
  });

  it('no web page and no other extension may connect', () => {
    expect(manifest.externally_connectable).toEqual({ ids: [] });
  });

  it('a content security policy that allows only the extension’s own scripts (and wasm for the model)', () => {
    expect(manifest.content_security_policy?.extension_pages).toBe(
      "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    );
  });

  it('web-accessible: only the worklet, the model frame and the overlay styles, on https pages only', () => {
    const resources = new Set((manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources));
    expect([...resources].sort()).toEqual(['capture-worklet.js', 'classifier.html', 'content-scripts/content.css']);
    for (const entry of manifest.web_accessible_resources ?? []) {
      expect(entry.extension_ids).toBeUndefined();
      for (const match of entry.matches) expect(match).toMatch(/^https:\/\//);
    }
  });
});

describe('a whole call', () => {
  let call: Awaited<ReturnType<typeof waitForCall>>;
  let page: Page;

  beforeAll(async () => {
    page = await openFixtureCall(browser, 'meet', { others: othersPath });
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(6000);
    // The person looks at the popup and the settings during the call.
    for (const view of ['popup.html', 'options.html']) {
      const extensionPage = await browser.context.newPage();
      await extensionPage.goto(`chrome-extension://${browser.extensionId}/${view}`);
      await extensionPage.waitForTimeout(1500);
      await extensionPage.close();
    }
    await page.waitForTimeout(6000);
  });

  it('cannot be driven by the page: forged window messages and runtime calls do nothing', async () => {
    const before = await readOverlay(page);
    const pageSide = await page.evaluate(async (extensionId) => {
      // Messages shaped like the coach's own, posted in every way a page can.
      for (const data of [
        { type: 'content.setPaused', data: true },
        { id: 1, type: 'content.setPaused', data: true, timestamp: Date.now() },
        { type: 'content.tabCaptureChanged', data: { channel: 'evil' } },
        { type: 'background.getTabStatus', data: 1 },
      ]) {
        window.postMessage(data, '*');
        document.dispatchEvent(new CustomEvent('message', { detail: data }));
      }
      // Web pages have no chrome.runtime for an extension without externally_connectable matches.
      const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      let reply = 'no chrome.runtime in the page';
      if (runtime?.sendMessage) {
        reply = await new Promise<string>((resolve) => {
          try {
            (runtime.sendMessage as (id: string, m: unknown, cb: (r: unknown) => void) => void)(
              extensionId,
              { type: 'background.getTabStatus', data: 1 },
              (r) => resolve(`answered: ${JSON.stringify(r)}`),
            );
          } catch (error) {
            resolve(`refused: ${String(error)}`);
          }
        });
      }
      await new Promise((r) => setTimeout(r, 1500));
      return reply;
    }, browser.extensionId);
    expect(pageSide).not.toMatch(/answered/);
    // The extension frame is in the page's DOM: the page connects to it as the content script does,
    // with and without a guessed secret, and asks for the model and for relayed tab audio.
    const frameReplies = await page.evaluate(async () => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[src^="chrome-extension://"]');
      if (!frame?.contentWindow) return ['no frame found'];
      const replies: string[] = [];
      for (const token of [undefined, null, '', 'guess', 0]) {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => replies.push(JSON.stringify(event.data).slice(0, 80));
        frame.contentWindow.postMessage({ type: 'listening-coach/connect', token }, '*', [channel.port2]);
        // The frame's own wire format (extension/channels/port-channel.ts): requests and messages.
        channel.port1.postMessage({ q: 'hello', id: 1, b: null });
        channel.port1.postMessage({ q: 'ready', id: 2, b: null });
        const { port2: classifierPort } = new MessageChannel();
        channel.port1.postMessage({ m: 'classifier-port', b: classifierPort }, [classifierPort]);
        channel.port1.postMessage({ m: 'relay-tab-audio', b: 'listening-coach/tab-audio/guess' });
      }
      await new Promise((r) => setTimeout(r, 3000));
      return replies;
    });
    expect(frameReplies).toEqual([]);
    const after = await readOverlay(page);
    expect(before?.state).toBe('listening');
    expect(after?.state).toBe('listening'); // not paused by the page
  });

  it('cannot be driven by another extension', async () => {
    const stranger = browser.context.serviceWorkers().find((w) => w.url().endsWith('/stranger.js'))!;
    expect(stranger).toBeDefined();
    const attempts = await stranger.evaluate(async (extensionId) => {
      const send = (message: unknown) =>
        new Promise<string>((resolve) =>
          chrome.runtime.sendMessage(extensionId, message, (reply) =>
            resolve(
              chrome.runtime.lastError
                ? `refused: ${chrome.runtime.lastError.message}`
                : `answered: ${JSON.stringify(reply)}`,
            ),
          ),
        );
      const connect = () =>
        new Promise<string>((resolve) => {
          const port = chrome.runtime.connect(extensionId, { name: 'listening-coach/meeting-page' });
          port.onDisconnect.addListener(() =>
            resolve(`refused: ${chrome.runtime.lastError?.message ?? 'disconnected'}`),
          );
          setTimeout(() => resolve('still connected'), 2000);
        });
      return [
        await send({ id: 1, type: 'background.getTabStatus', data: 1, timestamp: Date.now() }),
        await send({
          id: 2,
          type: 'background.saveCheckIn',
          data: { callId: 'x', checkIn: {} },
          timestamp: Date.now(),
        }),
        await connect(),
      ];
    }, browser.extensionId);
    for (const attempt of attempts) expect(attempt).toMatch(/^refused/);
  });

  it('makes no network request of its own, in any of its contexts', async () => {
    await leave(page);
    call = await waitForCall(browser, (c) => c.status === 'ended' && c.site === 'meet');
    await page.waitForTimeout(1000);
    const network = (r: SeenRequest) => /^(https?|wss?):/i.test(r.url);
    const ours = `chrome-extension://${browser.extensionId}/`;
    const fromExtension = cdp.requests.filter((r) => r.target.url.startsWith(ours));
    // The extension's contexts were watched (the frame, the model's worker, the worker, the pages)…
    const kinds = new Set(fromExtension.map((r) => `${r.target.type} ${r.target.url.replace(ours, '').split('?')[0]}`));
    expect([...kinds]).toEqual(
      expect.arrayContaining(['iframe classifier.html', 'worker classifier-worker.js', 'worker words-worker.js']),
    );
    expect(cdp.findTargets('service_worker', ours).length).toBeGreaterThan(0);
    // …and none of them touched the network.
    expect(fromExtension.filter(network)).toEqual([]);
    // The meeting page's requests are the fixture's own, nothing more: its page, scripts and the
    // frame of the call's far end (fixture-peer.html: the meeting's servers and the others).
    const meetOrigin = new URL(FIXTURE_URLS.meet).origin;
    const fixture = (r: SeenRequest) => r.target.url.startsWith(meetOrigin) || r.target.url.startsWith(PEER_ORIGIN);
    const pageRequests = cdp.requests.filter((r) => fixture(r) && network(r));
    expect(pageRequests.length).toBeGreaterThan(2);
    const allowed =
      /^https:\/\/(meet\.google\.com\/(abc-defg-hij(\?.*)?|fixture-site\.js|fixture-call\.js|favicon\.ico)|peer\.listening-coach\.test(:\d+)?\/(fixture-peer\.(html|js)|fixture-audio\/privacy-others\.wav|favicon\.ico))$/;
    expect(pageRequests.filter((r) => !allowed.test(r.url)).map((r) => `${r.url} (${r.initiator})`)).toEqual([]);
    // No other target (the stranger extension, Chrome's own pages) reached the network either.
    const elsewhere = cdp.requests.filter((r) => network(r) && !fixture(r));
    expect(elsewhere.map((r) => `${r.target.type} ${r.target.url}: ${r.url}`)).toEqual([]);
  });

  it('writes nothing audio-like: records hold times and counts only, of bounded size', async () => {
    expect(call.metrics.selfSpeechSec).toBeGreaterThan(2);
    expect(call.speechModel).toBe(builtSpeechModel()); // the frame did serve its own content script
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/classifier.html`);
    const dump = await reader.evaluate(async () => {
      const suspicious: string[] = [];
      const sizes: number[] = [];
      /** Walks a stored value: binary data, or long runs of fractional numbers, would be audio. */
      const inspect = (value: unknown, path: string): void => {
        if (value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof Blob) {
          suspicious.push(`${path}: binary data`);
        } else if (Array.isArray(value)) {
          const fractional = value.filter((x) => typeof x === 'number' && !Number.isInteger(x)).length;
          if (value.length >= 256 && fractional > value.length / 2)
            suspicious.push(`${path}: ${value.length} fractional numbers`);
          value.forEach((item, i) => inspect(item, `${path}[${i}]`));
        } else if (value && typeof value === 'object') {
          for (const [key, inner] of Object.entries(value)) inspect(inner, `${path}.${key}`);
        }
      };
      const databases = await indexedDB.databases();
      for (const { name } of databases) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name!);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const storeName of db.objectStoreNames) {
          const values = await new Promise<unknown[]>((resolve) => {
            const all = db.transaction(storeName).objectStore(storeName).getAll();
            all.onsuccess = () => resolve(all.result);
          });
          values.forEach((v, i) => {
            inspect(v, `${name}/${storeName}[${i}]`);
            sizes.push(JSON.stringify(v).length);
          });
        }
        db.close();
      }
      for (const area of ['local', 'sync', 'session'] as const) {
        const items = await chrome.storage[area].get(null);
        inspect(items, `chrome.storage.${area}`);
        sizes.push(JSON.stringify(items).length);
      }
      return { databases: databases.map((d) => d.name), suspicious, largest: Math.max(...sizes) };
    });
    await reader.close();
    expect(dump.databases).toEqual(['listening-coach']);
    expect(dump.suspicious).toEqual([]);
    expect(dump.largest).toBeLessThan(20_000); // a 20-second call: a few kB
    // The meeting site's own storage is untouched by the coach (the fixture page stores nothing).
    const site = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).length,
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    expect(site).toEqual({ databases: 0, local: 0, session: 0 });
    expect((await readCalls(browser)).length).toBe(1);
    await page.close();
  });
});
