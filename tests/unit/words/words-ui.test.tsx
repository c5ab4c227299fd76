// @vitest-environment happy-dom
// The words where people see them: the settings switch (off by default, a plain account of what it
// does and costs, the second switch only when on), the habits they serve and the tip they can give,
// the popup's figures, the check-in that asks only what is still not measured, and the trends.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { say } from '../../../components/say';
import { OptionsApp, type OptionsActions } from '../../../components/options/options-app';
import { PopupApp, type PopupActions } from '../../../components/popup/popup-app';
import { assessCall, measuredByWords, type CoachedCall } from '../../../lib/coaching/habits';
import { perCallTrend } from '../../../lib/coaching/trends';
import { summarizeCall } from '../../../lib/record/summary';
import type { CallRecord } from '../../../lib/record/types';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';
import { emptyCounts, type StoredWords } from '../../../lib/words/counts';
import { goodMetrics, makeRecord } from '../../fixtures/records';

afterEach(cleanup);

const words = (overrides: Partial<StoredWords> = {}): StoredWords => ({
  ...emptyCounts(),
  speechSec: 600,
  turns: 60,
  words: 1400,
  questions: 10,
  openQuestions: 6,
  clarifyingQuestions: 2,
  personalQuestions: 1,
  summaries: 2,
  thanks: 3,
  specificThanks: 2,
  hedges: { 'kind-of': 2, maybe: 4, just: 6, 'i-guess': 0 },
  ...overrides,
});

const call = (w: StoredWords | undefined, rest: Partial<CoachedCall> = {}): CoachedCall => ({
  durationSec: 2700,
  participants: 4,
  meetingKind: 'team',
  metrics: goodMetrics(),
  ...(w ? { words: w } : {}),
  ...rest,
});

describe('words in the habits', () => {
  it('add figures under the habits they serve, each explained', () => {
    const habits = assessCall(call(words()), DEFAULT_SETTINGS).habits;
    const ids = (id: string) => habits.find((h) => h.id === id)!.figures.map((f) => f.id);
    expect(ids('listen')).toEqual(expect.arrayContaining(['clarifying-questions', 'restatements', 'open-questions']));
    expect(ids('share-floor')).toContain('questions');
    expect(ids('concise')).toEqual(expect.arrayContaining(['pace', 'fillers-hedges']));
    expect(ids('appreciation')).toEqual(['specific-thanks', 'personal-questions', 'next-steps']);
    const pace = habits.flatMap((h) => h.figures).find((f) => f.id === 'pace')!;
    expect(say(pace.value)).toBe('140 words a minute');
    const hedges = habits.flatMap((h) => h.figures).find((f) => f.id === 'fillers-hedges')!;
    expect(say(hedges.value)).toBe('1.2 per minute');
    expect(say(hedges.explain)).toMatch(/Counted: “you know”, “kind of”, “maybe”, “just” and “I guess”\./);
    // The appreciation habit is measured without a check-in.
    expect(habits.find((h) => h.id === 'appreciation')!.level).not.toBe('unmeasured');
  });

  it('say nothing from too little speech read, and nothing without words', () => {
    for (const w of [words({ speechSec: 30 }), undefined]) {
      const habits = assessCall(call(w), DEFAULT_SETTINGS).habits;
      const all = habits.flatMap((h) => h.figures.map((f) => f.id));
      expect(all).not.toContain('questions');
      expect(all).toContain('summarised'); // the check-in asks it
      expect(measuredByWords(call(w))).toEqual([]);
    }
    expect(measuredByWords(call(words()))).toEqual(['summarised', 'thankedSomeone']);
  });

  it('give the tip when they are the weakest: no restatement, no clarifying question, few questions', () => {
    const weak = words({ summaries: 0, clarifyingQuestions: 0, questions: 1, openQuestions: 0, specificThanks: 1 });
    const coaching = assessCall(
      call(weak, { checkIn: { summarised: null, thankedSomeone: null, agreedNextSteps: true, atMs: 1 } }),
      DEFAULT_SETTINGS,
    );
    expect(coaching.weakest).toBe('listen');
    expect(say(coaching.tip)).toMatch(/What do you mean by|sum up what you heard/);
    const fast = assessCall(call(words({ words: 2300 })), DEFAULT_SETTINGS);
    expect(fast.habits.find((h) => h.id === 'concise')!.figures.find((f) => f.id === 'pace')!.score).toBeLessThan(0.5);
  });

  it('praise restating and specific thanks in what went well', () => {
    // A call where the audio figures give nothing to praise.
    const metrics = goodMetrics({
      othersLongestTurnSec: 30,
      backchannelsPerOthersMin: 0.1,
      talkShare: 0.6,
      longestMonologueSec: 150,
      medianResponseGapSec: -0.2,
    });
    const notes = assessCall(call(words(), { metrics, durationSec: 200 }), DEFAULT_SETTINGS).wentWell.map(say);
    expect(notes).toEqual([
      'You said back what you heard 2 times.',
      'You asked what someone meant 2 times.',
      'You thanked someone specifically.',
    ]);
  });
});

describe('words in the trends', () => {
  it('give questions per 10 min of my speech, restatements per hour and the share of specific thanks', () => {
    const points = perCallTrend(
      [{ ...makeRecord({ startedAtMs: 1, words: words() }) }, { ...makeRecord({ startedAtMs: 2 }) }],
      DEFAULT_SETTINGS.targetShare,
      10,
    );
    expect(points[0]?.questionsPer10Min).toBeCloseTo(10, 6);
    expect(points[0]?.restatementsPerHour).toBeCloseTo(2 / 0.75, 6);
    expect(points[0]?.specificThanksShare).toBeCloseTo(2 / 3, 6);
    expect(points[1]?.questionsPer10Min).toBeNull();
  });
});

function popupActions(record: CallRecord, overrides: Partial<PopupActions> = {}): PopupActions {
  return {
    loadHistoryPage: vi.fn(async () => [summarizeCall(record)]),
    loadCall: vi.fn(async () => record),
    loadLatest: vi.fn(async () => record),
    deleteCall: vi.fn(async () => {}),
    saveCheckIn: vi.fn(async (_id, answers) => ({ ...record, checkIn: { ...answers, atMs: 1 } })),
    setMeetingKind: vi.fn(async () => record),
    loadSince: vi.fn(async () => [summarizeCall(record)]),
    loadRecent: vi.fn(async () => [summarizeCall(record)]),
    startTabCapture: vi.fn(async () => ({ ok: true as const })),
    stopTabCapture: vi.fn(async () => {}),
    setPaused: vi.fn(async () => {}),
    openSettings: vi.fn(),
    openWelcome: vi.fn(),
    ...overrides,
  };
}

describe('words in the popup', () => {
  const record = makeRecord({
    words: words({ missedTurns: 2 }),
    startedAtMs: Date.now() - 3600_000,
    endedAtMs: Date.now() - 900_000,
  });
  const open = (r: CallRecord) => {
    const actions = popupActions(r);
    render(
      <PopupApp
        data={{ settings: DEFAULT_SETTINGS, latest: r, tabStatus: null, nowMs: Date.now() }}
        actions={actions}
      />,
    );
    return actions;
  };

  it('shows the word figures as tiles under their habits, and what was read', () => {
    open(record);
    expect(screen.getByTestId('words-note').textContent).toBe(
      'Words understood on this device: 10\u00a0min of your speech read. 2 turns could not be read.',
    );
    const tiles = within(screen.getByRole('region', { name: 'The figures' }));
    expect(tiles.getByText('Questions you asked')).toBeTruthy();
    expect(tiles.getByText('Said back what you heard')).toBeTruthy();
    expect(tiles.getByText('2 of 3')).toBeTruthy();
    expect(tiles.getByText('140 words/min')).toBeTruthy();
  });

  it('asks in the check-in only what the words did not measure', async () => {
    const actions = open(record);
    expect(screen.getByText(/one quick question covers follow-through/)).toBeTruthy();
    const form = within(screen.getByRole('form', { name: '20-second check-in' }));
    expect(form.queryByText('Did you summarise what you heard?')).toBeNull();
    expect(form.queryByText('Did you thank someone for something specific?')).toBeNull();
    fireEvent.click(form.getByLabelText('Yes'));
    fireEvent.click(form.getByRole('button', { name: 'Save check-in' }));
    await screen.findByText('Saved with this call.');
    expect(actions.saveCheckIn).toHaveBeenCalledWith(
      record.id,
      expect.objectContaining({ agreedNextSteps: true, summarised: null, thankedSomeone: null }),
    );
  });

  it('charts the words in trends only when some call had them', async () => {
    open(record);
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    });
    // The charts' code loads after the first screen: allow for a busy machine.
    await screen.findByRole('region', { name: 'Questions per 10 min of your speech' }, { timeout: 10_000 });
    expect(screen.getByRole('region', { name: 'Thank-yous that said what for' })).toBeTruthy();
    cleanup();
    open(makeRecord({ startedAtMs: Date.now() - 3600_000 }));
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    });
    await screen.findByRole('region', { name: 'Your talk share' }, { timeout: 10_000 });
    expect(screen.queryByRole('region', { name: 'Questions per 10 min of your speech' })).toBeNull();
  });
});

describe('the words setting', () => {
  function setup() {
    let current: Settings = DEFAULT_SETTINGS;
    const noop = vi.fn(async () => {});
    function Harness() {
      const [settings, setSettings] = useState(current);
      const actions = {
        updateSettings: async (change: (s: Settings) => Settings) => {
          current = change(current);
          setSettings(current);
        },
        addCustomSite: vi.fn(async () => ({ ok: true as const })),
        removeCustomSite: noop,
        startMicCheck: vi.fn(),
        stopMicCheck: vi.fn(),
        exportCalls: noop,
        importCalls: vi.fn(async () => ({ records: [], skipped: [], fileError: null })),
        deleteAllCalls: noop,
        allowNotifications: vi.fn(async () => true),
      } as OptionsActions;
      return (
        <OptionsApp data={{ settings, model: 'packaged', mic: { state: 'off' }, callCount: 0 }} actions={actions} />
      );
    }
    render(<Harness />);
    return () => current;
  }

  it('is off by default, says what it does, its size and its cost, and offers keeping my questions only when on', async () => {
    const settings = setup();
    const section = within(screen.getByRole('region', { name: 'Words' }));
    const toggle = section.getByLabelText('Understand words, on this device') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    const help = document.getElementById(toggle.getAttribute('aria-describedby')!)!.textContent!;
    expect(help).toMatch(
      /on this computer.*only the counts.*nothing leaves your computer.*adds 43 MB.*of one processor core/s,
    );
    expect(section.queryByLabelText(/Keep the text of my own questions/)).toBeNull();
    fireEvent.click(toggle);
    await waitFor(() => expect(settings().words.enabled).toBe(true));
    fireEvent.click(section.getByLabelText(/Keep the text of my own questions/));
    await waitFor(() => expect(settings().words).toEqual({ enabled: true, keepMyQuestions: true }));
    expect(screen.getByRole('link', { name: 'Words' })).toBeTruthy();
  });
});
