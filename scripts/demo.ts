// `npm run demo`: Listening Coach on a two-person call, without a real meeting. Builds the extension
// if needed, speaks a short conversation with espeak-ng, and opens Chromium with the extension on a
// local imitation of Google Meet (served as https://meet.google.com/… to this browser only). You see
// the overlay follow the conversation, then the popup's summary of the call.
// Headed when a display exists; otherwise headless, with the figures printed and screenshots saved.
import { join as joinPath } from 'node:path';
import { launchCoachBrowser } from '../harness/browser';
import { ensureExtensionBuilt } from '../harness/build';
import { readOverlay, waitForCall, waitForOverlayState } from '../harness/coach';
import { join, leave, openFixtureCall } from '../harness/fixture-call';
import { startFixtureServer } from '../harness/https-server';
import { espeakScene, tempDir } from '../harness/scenes';

/** Two people: I explain, they ask, I cut in once, they say "mm-hm". Known timings, made locally. */
const CONVERSATION = [
  { by: 'others', at: 0.5, text: 'Hi! Thanks for making time. How is the launch going?' },
  {
    by: 'self',
    at: 4.5,
    text: 'Pretty well. We finished the testing on Monday, and the release notes are almost done.',
  },
  { by: 'others', at: 9.5, text: 'Mm-hm.' },
  { by: 'self', at: 11.5, text: 'The only open point is the pricing page, which still needs a final review.' },
  {
    by: 'others',
    at: 17,
    text: 'I can review it today. I also wanted to ask about the support team and whether they have seen the new onboarding flow.',
  },
  { by: 'self', at: 22, text: 'Yes, sorry to jump in, they saw it yesterday.' },
  { by: 'others', at: 27, text: 'Great. Then let us plan the announcement for Thursday morning.' },
  { by: 'self', at: 32, text: 'Thursday works. I will send the draft tonight.' },
] as const;
const SCENE_SEC = 38;

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const say = (line: string) => console.log(`[demo] ${line}`);

ensureExtensionBuilt(say);
const dir = tempDir('demo');
say('speaking the conversation with espeak-ng…');
const scene = espeakScene(CONVERSATION, SCENE_SEC + 2, dir);
const server = await startFixtureServer();
const browser = await launchCoachBrowser({ serverPort: server.port, micWav: scene.self, headless: !headed });
if (!headed)
  say(
    'no display found (DISPLAY/WAYLAND_DISPLAY unset): running headless, printing what the overlay shows and saving screenshots.',
  );

try {
  const page = await openFixtureCall(browser, 'meet', { others: server.addAudio('demo-others.wav', scene.others) });
  say('a Meet-like call page is open; joining…');
  await page.waitForTimeout(headed ? 2000 : 200);
  await join(page);
  await waitForOverlayState(page, 'listening');
  say('the coach started by itself: the overlay is at the bottom right of the page.');
  const endAt = Date.now() + SCENE_SEC * 1000;
  while (Date.now() < endAt) {
    await page.waitForTimeout(3000);
    const o = await readOverlay(page);
    if (o)
      say(
        `my talk share ${(o.talkShare * 100).toFixed(0)}% · I interrupted ${o.interruptionsBySelf} · interrupted me ${o.interruptionsOfSelf} · my mm-hms ${o.backchannelsBySelf}`,
      );
  }
  if (!headed) await page.screenshot({ path: joinPath(dir, 'overlay.png') });
  await leave(page);
  const call = await waitForCall(browser, (c) => c.status === 'ended');
  say(
    `call stored: ${call.durationSec.toFixed(0)} s, talk share ${(call.metrics.talkShare * 100).toFixed(0)}%, speech model ${call.speechModel}`,
  );

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  say('the popup (opened here as a tab) shows the summary of the call you just had.');
  if (headed) {
    say('close the browser window when you are done.');
    await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
  } else {
    await popup.waitForTimeout(1500);
    await popup.screenshot({ path: joinPath(dir, 'popup.png') });
    say(`screenshots: ${joinPath(dir, 'overlay.png')} and ${joinPath(dir, 'popup.png')}`);
  }
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
