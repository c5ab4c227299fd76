// Words in the end-to-end tests: switching "Understand words, on this device" on as the settings
// page would (the settings item and its version, through an extension page), and conversations
// with known lines as a fixture call's two WAVs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWavPcm16 } from '../lib/audio/wav';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../lib/settings';
import type { Conversation } from '../scripts/words/conversations';
import { SPEECH_RATE, speakConversation, type SpokenScene } from '../scripts/words/speak';
import type { CoachBrowser } from './browser';

export async function setWords(browser: CoachBrowser, words: Settings['words']): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/classifier.html`);
  await page.evaluate(
    async ({ settings, version }) => {
      await chrome.storage.sync.set({ settings, settings$: { v: version } });
    },
    { settings: { ...DEFAULT_SETTINGS, words }, version: SETTINGS_VERSION },
  );
  await page.close();
}

/** Conversations one after another as one fixture call: the mic's WAV and the others' WAV. */
export function conversationCall(
  conversations: Conversation[],
  dir: string,
  tailSec = 6,
): { self: string; others: string; scenes: SpokenScene[]; durationSec: number } {
  const scenes = conversations.map((c) => speakConversation(c, dir));
  const length = scenes.reduce((n, s) => n + s.self.length, 0) + tailSec * SPEECH_RATE;
  const self = new Float32Array(length);
  const others = new Float32Array(length);
  let at = 0;
  for (const s of scenes) {
    self.set(s.self, at);
    others.set(s.others, at);
    at += s.self.length;
  }
  const files = { self: join(dir, 'words.self.wav'), others: join(dir, 'words.others.wav') };
  writeFileSync(files.self, encodeWavPcm16([self], SPEECH_RATE));
  writeFileSync(files.others, encodeWavPcm16([others], SPEECH_RATE));
  return { ...files, scenes, durationSec: length / SPEECH_RATE };
}
