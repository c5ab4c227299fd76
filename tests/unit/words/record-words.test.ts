// Words in the stored call: built into the record from a save, kept across a save without them,
// checked field by field when read back or imported, and the settings that switch them on.
import { describe, expect, it } from 'vitest';
import { buildCallRecord } from '../../../lib/record/call-record';
import { summarizeCall } from '../../../lib/record/summary';
import { validateCallRecord, validateCallSummary } from '../../../lib/record/validate';
import { DEFAULT_SETTINGS, SETTINGS_MIGRATIONS } from '../../../lib/settings';
import { emptyCounts, type StoredWords } from '../../../lib/words/counts';
import { CALL_HEADER, callProgress, makeRecord } from '../../fixtures/records';

const words = (overrides: Partial<StoredWords> = {}): StoredWords => ({
  ...emptyCounts(),
  speechSec: 320,
  turns: 40,
  words: 900,
  questions: 12,
  openQuestions: 5,
  clarifyingQuestions: 2,
  personalQuestions: 1,
  summaries: 2,
  thanks: 3,
  specificThanks: 1,
  ...overrides,
});

describe('words in the call record', () => {
  it('are stored from a save, and a later save without them keeps them', () => {
    const { callId, final: _, ...update } = callProgress('c', 60, false);
    const first = buildCallRecord({
      id: callId,
      header: CALL_HEADER,
      update: { ...update, words: words() },
      status: 'live',
    });
    expect(first.words).toEqual(words());
    const next = buildCallRecord({ id: callId, header: CALL_HEADER, update, status: 'ended', previous: first });
    expect(next.words).toEqual(words());
    expect(summarizeCall(next).words).toEqual(words());
    const without = buildCallRecord({ id: callId, header: CALL_HEADER, update, status: 'ended' });
    expect(without).not.toHaveProperty('words');
  });

  it('are read back whole, without unknown fields, my questions capped', () => {
    const stored = {
      ...words({ myQuestions: ['what do you mean', ...Array.from({ length: 300 }, () => 'x'.repeat(400))] }),
      secret: 'the others said…',
    };
    const back = validateCallRecord({ ...makeRecord(), words: stored });
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.words).not.toHaveProperty('secret');
    expect(back.value.words?.myQuestions?.length).toBe(200);
    expect(back.value.words?.myQuestions?.[1]?.length).toBe(300);
    expect(validateCallSummary(summarizeCall({ ...makeRecord(), words: words() })).ok).toBe(true);
    const plain = validateCallRecord(makeRecord());
    expect(plain.ok && plain.value).not.toHaveProperty('words');
  });

  it('a damaged words block makes the record invalid, with the reason', () => {
    for (const [bad, reason] of [
      [{ ...words(), questions: -1 }, /words.questions is negative/],
      [{ ...words(), turns: 'many' }, /words.turns is not a number/],
      [{ ...words(), openQuestions: 20 }, /openQuestions is more than/],
      [{ ...words(), hedges: [] }, /words.hedges is malformed/],
      [{ ...words(), myQuestions: [1, 2] }, /myQuestions is not a list of text/],
      ['words', /words is malformed/],
    ] as const) {
      const result = validateCallRecord({ ...makeRecord(), words: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(reason);
    }
  });
});

describe('the words settings', () => {
  it('are off by default, also for people upgrading from settings of version 2', () => {
    expect(DEFAULT_SETTINGS.words).toEqual({ enabled: false, keepMyQuestions: false });
    const { words: _, ...version2 } = DEFAULT_SETTINGS;
    expect(SETTINGS_MIGRATIONS[2]?.(version2)).toEqual(DEFAULT_SETTINGS);
  });
});
