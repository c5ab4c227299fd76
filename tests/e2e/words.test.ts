// "Understand words, on this device" in a live call: a fixture Meet call plays two conversations
// with known lines (espeak-ng); with words on, the stored record carries the counts of my turns
// (questions, restatements, thanks) and nothing of anyone's words; with words off, the recogniser
// never starts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../lib/record/types';
import { CONVERSATIONS } from '../../scripts/words/conversations';
import { speechToolsMissing } from '../../scripts/words/speak';
import { waitForCall, waitForOverlayState } from '../../harness/coach';
import { join, leave, openFixtureCall } from '../../harness/fixture-call';
import { conversationCall, setWords } from '../../harness/words';
import { useCallRig } from './support/call-rig';

const missing = speechToolsMissing();
if (missing && process.env.CI === 'true') throw new Error(`${missing}: required in CI`);

describe.skipIf(missing !== null)('words in a live call', () => {
  let record: CallRecord;
  const chosen = CONVERSATIONS.filter((c) => c.id === 'checkin' || c.id === 'one-on-one');
  const rig = useCallRig({ name: 'words', audio: (dir) => conversationCall(chosen, dir), watch: true });

  beforeAll(async () => {
    const { browser, scene: call, othersPath } = rig;
    await setWords(browser, { enabled: true, keepMyQuestions: false });
    const page = await openFixtureCall(browser, 'meet', { others: othersPath });
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(call.durationSec * 1000);
    await leave(page);
    record = await waitForCall(browser, (c) => c.status === 'ended', 30_000);
  });

  it('stores the counts of my turns', () => {
    const mine = chosen.flatMap((c) => c.lines.filter((l) => l.by === 'self'));
    const labelled = {
      questions: mine.reduce((n, l) => n + (l.q?.length ?? 0), 0),
      thanks: mine.reduce((n, l) => n + (l.thanks ?? 0), 0),
    };
    const words = record.words!;
    console.info('[e2e] words', words, 'labelled', labelled);
    expect(words).toBeDefined();
    expect(words.turns).toBeGreaterThanOrEqual(mine.length - 3);
    expect(words.missedTurns).toBe(0);
    expect(words.speechSec).toBeGreaterThan(20);
    expect(words.words).toBeGreaterThan(80);
    expect(words.questions).toBeGreaterThanOrEqual(Math.ceil(labelled.questions * 0.6));
    expect(words.questions).toBeLessThanOrEqual(labelled.questions + 1);
    expect(words.thanks).toBeGreaterThanOrEqual(1);
    expect(words.summaries).toBeGreaterThanOrEqual(1);
  });

  it('keeps no words: no text of anyone in the record, unless I chose to keep my questions', () => {
    expect(record.words?.myQuestions).toBeUndefined();
    const stored = JSON.stringify(record);
    for (const line of chosen.flatMap((c) => c.lines)) {
      for (const phrase of line.text.toLowerCase().match(/[a-z]+ [a-z]+ [a-z]+/g) ?? [])
        expect(stored.toLowerCase()).not.toContain(phrase);
    }
  });

  it('the recogniser ran in the extension frame’s worker and fetched nothing from the network', () => {
    const { browser, cdp } = rig;
    const ours = `chrome-extension://${browser.extensionId}/`;
    expect(cdp.findTargets('worker', `${ours}words-worker.js`).length).toBeGreaterThan(0);
    const network = cdp.requests.filter((r) => r.target.url.startsWith(ours) && /^(https?|wss?):/i.test(r.url));
    expect(network).toEqual([]);
  });
});
