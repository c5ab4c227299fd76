// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupActions, type PopupData } from '../../components/popup/popup-app';
import { HISTORY_PAGE_SIZE } from '../../components/popup/history-list';
import type { TabStatus } from '../../extension/messages';
import { summarizeCall } from '../../lib/record/summary';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { generateSampleCalls, goodMetrics, makeRecord } from '../fixtures/records';
import { defined } from '../support/defined';

afterEach(cleanup);

const calls = generateSampleCalls({ count: 60, seed: 77, endMs: new Date(2025, 5, 2, 18).getTime() }).reverse();
const newest = defined(calls[0], 'the newest sample call');

function fakeActions(overrides: Partial<PopupActions> = {}): PopupActions {
  return {
    loadHistoryPage: vi.fn(async (limit: number, after?: [number, string]) => {
      const start = after ? calls.findIndex((c) => c.id === after[1]) + 1 : 0;
      return calls.slice(start, start + limit).map(summarizeCall);
    }),
    loadCall: vi.fn(async (id: string) => calls.find((c) => c.id === id)),
    loadLatest: vi.fn(async () => calls[1]),
    deleteCall: vi.fn(async () => {}),
    saveCheckIn: vi.fn(async (id, answers) => ({
      ...calls.find((c) => c.id === id)!,
      checkIn: { ...answers, atMs: 1 },
    })),
    setMeetingKind: vi.fn(async (id, meetingKind) => ({ ...calls.find((c) => c.id === id)!, meetingKind })),
    loadSince: vi.fn(async () => calls.map(summarizeCall)),
    loadRecent: vi.fn(async (limit: number) => calls.slice(0, limit).map(summarizeCall)),
    startTabCapture: vi.fn(async () => ({ ok: true as const })),
    stopTabCapture: vi.fn(async () => {}),
    setPaused: vi.fn(async () => {}),
    openSettings: vi.fn(),
    openWelcome: vi.fn(),
    ...overrides,
  };
}

function setup(data: Partial<PopupData> = {}, actions = fakeActions()) {
  const full: PopupData = {
    settings: DEFAULT_SETTINGS,
    latest: newest,
    tabStatus: null,
    nowMs: newest.endedAtMs,
    ...data,
  };
  render(<PopupApp data={full} actions={actions} />);
  return actions;
}

const liveStatus = (overrides: Partial<TabStatus> = {}): TabStatus => ({
  state: 'listening',
  site: 'zoom',
  captureMode: 'in-page',
  speechModel: 'yamnet',
  callId: 'x',
  message: null,
  participants: 4,
  live: {
    timeSec: 600,
    selfSpeaking: true,
    othersSpeaking: false,
    muted: false,
    floor: 'self',
    floorTurnSec: 20,
    selfTurnSec: 20,
    selfSpeechSec: 100,
    othersSpeechSec: 300,
    talkShare: 0.25,
    interruptionsBySelf: 1,
    interruptionsOfSelf: 0,
    talkoversBySelf: 0,
    talkoversOfSelf: 0,
    backchannelsBySelf: 4,
    backchannelsByOthers: 2,
    longestMonologueSec: 30,
    othersLongestTurnSec: 90,
  },
  ...overrides,
});

describe('popup: latest call', () => {
  it('opens on the latest call with its share, timeline, tip, strengths and habits', () => {
    setup({ latest: makeRecord({ metrics: goodMetrics({ interruptionsBySelf: 6 }) }) });
    const summary = screen.getByTestId('call-summary');
    expect(within(summary).getByRole('heading', { level: 2 }).textContent).toBe('Weekly sync');
    expect(
      screen.getByRole('img', {
        name: /You talked 25% of the time\. Fair share for 4 people: 25%\. Your target: 25%\./,
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('img', { name: /Timeline of the 45\u00a0min call/, description: /^1 interruption by you\./ }),
    ).toBeTruthy();
    expect(screen.getByText(/jot the thought down/)).toBeTruthy();
    expect(screen.getByText('What went well')).toBeTruthy();
    // Every headline figure is there, tagged with its habit; what others do to me is about the room.
    const tiles = within(screen.getByRole('region', { name: 'The figures' }));
    for (const [label, tag] of [
      ['Your interruptions', 'Let people finish'],
      ['Your talk-overs', 'Let people finish'],
      ['Your backchannels', 'Listen actively'],
      ['Your longest monologue', 'Be clear and concise'],
      ['Your response gap', 'Be clear and concise'],
      ['Turn switches', 'Share the floor'],
      ['Others’ longest turn', 'About the room'],
      ['Interruptions of you', 'About the room'],
    ] as const) {
      expect(tiles.getByText(label).parentElement?.querySelector('.tile-habit')?.textContent, label).toBe(tag);
    }
    // The weakest habit is open, with its figures explained.
    const open = document.querySelector('details[open]')!;
    expect(open.textContent).toContain('Let people finish');
    expect(open.textContent).toContain('6 (8 per hour)');
  });

  it('says how many stored calls were left out as damaged, and where to see them', () => {
    const actions = setup({ damagedCalls: 2 });
    const notice = screen.getByTestId('damaged-notice');
    expect(notice.textContent).toMatch(/2 stored calls are damaged and are left out/);
    fireEvent.click(within(notice).getByRole('button', { name: 'See them in the settings' }));
    expect(actions.openSettings).toHaveBeenCalled();
  });

  it('shows who else spoke: one bar per person with their figures, or why the call gave no split', () => {
    const person = {
      label: 'Person 1',
      speechSec: 300,
      shareOfOthers: 0.7,
      shareOfAll: 0.5,
      longestTurnSec: 95,
      interruptionsBySelf: 2,
      interruptionsOfSelf: 0,
    };
    setup({
      latest: makeRecord({
        participants: 4,
        people: {
          split: true,
          people: [person, { ...person, label: 'Person 2', shareOfOthers: 0.3, speechSec: 130 }],
          notHeard: 1,
        },
      }),
    });
    const section = screen.getByRole('heading', { name: 'Who else spoke' }).closest('section')!;
    expect(within(section).getByRole('img', { name: 'Person 1: 70% of the others’ talk' })).toBeTruthy();
    expect(within(section).getByRole('img', { name: 'Person 2: 30% of the others’ talk' })).toBeTruthy();
    expect(section.textContent).toContain('you interrupted them 2 ×');
    expect(section.textContent).toContain('Not heard yet: one person');
    cleanup();
    setup({ latest: makeRecord({ participants: 4, people: { split: false, reason: 'one-stream' } }) });
    const plain = screen.getByRole('heading', { name: 'Who else spoke' }).closest('section')!;
    expect(plain.textContent).toMatch(/one stream here: no split per person/);
    expect(within(plain).queryAllByRole('img')).toHaveLength(0);
  });

  it('says a cut-short call was kept up to its last save', () => {
    setup({ latest: { ...newest, status: 'recovered' } });
    expect(screen.getByText(/cut short .* kept up to its last save/)).toBeTruthy();
  });

  it('explains what to do when there is no call yet, Zoom included', () => {
    const actions = setup({ latest: null });
    expect(screen.getByText('No calls yet')).toBeTruthy();
    expect(screen.getByText(/On Zoom in the browser, .*“Listen to this tab”/)).toBeTruthy();
    expect(screen.queryByTestId('call-summary')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /How it works/ }));
    expect(actions.openWelcome).toHaveBeenCalledOnce();
  });

  it('leads with the headline: my share against the fair share, one tip, the check-in prompt', () => {
    setup({ latest: makeRecord({ metrics: goodMetrics({ interruptionsBySelf: 6 }) }) });
    const headline = within(screen.getByRole('region', { name: 'At a glance' }));
    expect(headline.getByText('You talked 25% of the time. Fair share with 4 people is 25%.')).toBeTruthy();
    expect(headline.getByText(/jot the thought down/)).toBeTruthy();
    expect(headline.getByRole('button', { name: 'Take the 20-second check-in' })).toBeTruthy();
  });

  it('saves the check-in with the call and shows it as done', async () => {
    const record = makeRecord({ id: newest.id });
    const actions = setup({ latest: record });
    const form = screen.getByRole('form', { name: '20-second check-in' });
    const save = within(form).getByRole('button', { name: 'Save check-in' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.click(within(form).getAllByLabelText('Yes')[0]!);
    fireEvent.click(within(form).getAllByLabelText('No')[1]!);
    fireEvent.change(within(form).getByLabelText(/note for yourself/), { target: { value: '  Follow up with Sam  ' } });
    fireEvent.click(save);
    await screen.findByText('Saved with this call.');
    expect(actions.saveCheckIn).toHaveBeenCalledWith(record.id, {
      summarised: true,
      thankedSomeone: false,
      agreedNextSteps: null,
      note: 'Follow up with Sam',
    });
    expect(screen.getByRole('button', { name: 'Update check-in' })).toBeTruthy();
  });

  it('offers no check-in while the call is still running, and its kind only when it has a title to remember it by', () => {
    setup({ latest: makeRecord({ status: 'live' }) });
    expect(screen.queryByRole('form', { name: '20-second check-in' })).toBeNull();
    expect(screen.queryByRole('button', { name: /check-in/ })).toBeNull();
    expect((screen.getByLabelText(/Kind of meeting/) as HTMLSelectElement).disabled).toBe(false);
    cleanup();
    setup({ latest: makeRecord({ status: 'live', title: null }) });
    expect((screen.getByLabelText(/Kind of meeting/) as HTMLSelectElement).disabled).toBe(true);
  });

  it('changes the kind of meeting, and with it the target', async () => {
    const actions = setup();
    fireEvent.change(screen.getByLabelText(/Kind of meeting/), { target: { value: 'sales' } });
    await waitFor(() => expect(actions.setMeetingKind).toHaveBeenCalledWith(newest.id, 'sales'));
    await screen.findByRole('img', { name: /Your target: 40%/ });
  });
});

describe('popup: live call in this tab', () => {
  it('shows the live state and switches to tab audio', async () => {
    const actions = setup({ tabStatus: liveStatus() });
    const panel = screen.getByRole('region', { name: /Listening/ });
    expect(within(panel).getByText(/You have the floor · 0:20/)).toBeTruthy();
    expect(within(panel).getByRole('img', { name: /Fair share for 4 people: 25%/ })).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Listen to this tab' }));
    await waitFor(() => expect(actions.startTabCapture).toHaveBeenCalledOnce());
  });

  it('pauses and resumes the coach in this tab', () => {
    const actions = setup({ tabStatus: liveStatus() });
    fireEvent.click(screen.getByRole('button', { name: 'Pause coaching' }));
    expect(actions.setPaused).toHaveBeenCalledWith(true);
    cleanup();
    const paused = setup({ tabStatus: liveStatus({ state: 'paused', live: null }) });
    fireEvent.click(screen.getByRole('button', { name: 'Resume coaching' }));
    expect(paused.setPaused).toHaveBeenCalledWith(false);
  });

  it('says why tab audio could not start', async () => {
    setup(
      { tabStatus: liveStatus() },
      fakeActions({ startTabCapture: async () => ({ ok: false, message: 'Click the toolbar button first.' }) }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Listen to this tab' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Click the toolbar button first.');
  });

  it('goes back to page audio', async () => {
    const actions = setup({ tabStatus: liveStatus({ captureMode: 'tab' }) });
    fireEvent.click(screen.getByRole('button', { name: 'Back to the page’s audio' }));
    await waitFor(() => expect(actions.stopTabCapture).toHaveBeenCalledOnce());
  });

  it('shows the fix when the mic is blocked', () => {
    setup({
      tabStatus: liveStatus({ state: 'mic-denied', live: null, message: 'Allow the microphone in the address bar.' }),
    });
    expect(screen.getByText('Microphone blocked')).toBeTruthy();
    expect(screen.getByText('Allow the microphone in the address bar.')).toBeTruthy();
  });

  it('stays out of the way when this tab has no call', () => {
    setup({ tabStatus: liveStatus({ state: 'idle', live: null }) });
    expect(screen.queryByRole('button', { name: 'Listen to this tab' })).toBeNull();
  });
});

describe('popup: tabs and history', () => {
  it('moves between tabs with the arrow keys', () => {
    setup();
    const latest = screen.getByRole('tab', { name: 'Latest call' });
    expect(latest.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(latest, { key: 'ArrowRight' });
    const history = screen.getByRole('tab', { name: 'History' });
    expect(history.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(history);
    fireEvent.keyDown(history, { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Latest call' }), { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Trends' }).getAttribute('aria-selected')).toBe('true');
  });

  it('lists calls newest first a page at a time', async () => {
    const actions = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const list = await screen.findByRole('list', { name: 'Your calls, newest first' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(HISTORY_PAGE_SIZE);
    fireEvent.click(screen.getByRole('button', { name: 'Show older calls' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2 * HISTORY_PAGE_SIZE));
    const last = defined(calls[HISTORY_PAGE_SIZE - 1], 'the first page’s last call');
    expect(actions.loadHistoryPage).toHaveBeenLastCalledWith(HISTORY_PAGE_SIZE, [last.startedAtMs, last.id]);
  });

  it('opens a call and comes back to the same list', async () => {
    setup();
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const list = await screen.findByRole('list');
    const second = defined(calls[1], 'the second call');
    fireEvent.click(within(list).getAllByRole('button', { name: new RegExp(second.title ?? 'Call on') })[0]!);
    await screen.findByRole('button', { name: '← All calls' });
    expect(screen.getByTestId('call-summary')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '← All calls' }));
    expect(screen.getByRole('list', { name: 'Your calls, newest first' })).toBeTruthy();
  });

  it('deletes a call only after confirming, and replaces the latest call if it was that one', async () => {
    const actions = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const list = await screen.findByRole('list');
    const first = within(list).getAllByRole('listitem')[0]!;
    fireEvent.click(within(first).getByRole('button', { name: /^Delete / }));
    expect(actions.deleteCall).not.toHaveBeenCalled();
    fireEvent.click(within(first).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(actions.deleteCall).toHaveBeenCalledWith(newest.id));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(HISTORY_PAGE_SIZE - 1));
    expect(actions.loadLatest).toHaveBeenCalled();
    expect(screen.getByRole('status', { hidden: true }).textContent).toMatch(/Deleted/);
  });

  it('keeps a call when the delete is cancelled', async () => {
    const actions = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    const first = within(await screen.findByRole('list')).getAllByRole('listitem')[0]!;
    fireEvent.click(within(first).getByRole('button', { name: /^Delete / }));
    fireEvent.click(within(first).getByRole('button', { name: 'Keep' }));
    expect(actions.deleteCall).not.toHaveBeenCalled();
  });
});

describe('popup: settings', () => {
  it('opens the settings page', () => {
    const actions = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(actions.openSettings).toHaveBeenCalledOnce();
  });
});

describe('popup: trends', () => {
  it('charts who of the others spoke and how evenly, once some call told people apart, and not before', async () => {
    const person = (label: string) => ({
      label,
      speechSec: 300,
      shareOfOthers: 0.5,
      shareOfAll: 0.3,
      longestTurnSec: 60,
      interruptionsBySelf: 0,
      interruptionsOfSelf: 0,
    });
    const split = makeRecord({
      startedAtMs: Date.now() - 3600_000,
      participants: 4,
      people: { split: true, people: [person('Person 1'), person('Person 2')], notHeard: 1 },
    });
    const actions = { ...fakeActions(), loadSince: vi.fn(async () => [summarizeCall(split)]) };
    setup({ latest: split, nowMs: Date.now() }, actions);
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    });
    const chart = await screen.findByRole('region', { name: 'Others in the call who spoke' }, { timeout: 10_000 });
    expect(chart.textContent).toContain('67%');
    const balance = screen.getByRole('region', { name: 'How evenly the others shared the talk' });
    expect(balance.textContent).toContain('100%');
    cleanup();
    setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    });
    await screen.findByRole('region', { name: 'Your talk share' }, { timeout: 10_000 });
    expect(screen.queryByRole('region', { name: 'Others in the call who spoke' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'How evenly the others shared the talk' })).toBeNull();
  });

  it('charts the habits per week against the targets, and per call on request', async () => {
    const actions = setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    });
    await screen.findByRole('region', { name: 'Your talk share' });
    for (const title of [
      'Your interruptions per hour',
      'Your backchannels per minute of others’ speech',
      'Check-in: questions answered “yes”',
    ]) {
      expect(screen.getByRole('region', { name: title })).toBeTruthy();
    }
    expect(screen.getByRole('region', { name: 'Your talk share' }).textContent).toMatch(
      /Last 4 weeks: \d+% \(target \d+%\)/,
    );
    // Every chart is named and described for screen readers, point by point.
    const chart = within(screen.getByRole('region', { name: 'Your talk share' })).getByRole('img', {
      name: 'Your talk share',
    });
    expect(chart.querySelector('desc')?.textContent).toMatch(/Last 4 weeks: .*; .*: \d+%/);
    expect(actions.loadSince).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: /By call/ }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Your talk share' }).textContent).toMatch(/Last 10 calls/),
    );
    expect(actions.loadRecent).toHaveBeenCalledWith(30);
  });

  it('says worse as well as better', async () => {
    const base = newest.endedAtMs;
    const week = 7 * 24 * 3600 * 1000;
    // Four weeks ago I talked less than now: the share went up, which is worse.
    const summaries = [
      summarizeCall(
        makeRecord({
          id: 'then',
          startedAtMs: base - 6 * week,
          metrics: goodMetrics({ talkShare: 0.2, selfSpeechSec: 400, othersSpeechSec: 1600 }),
        }),
      ),
      summarizeCall(
        makeRecord({
          id: 'now',
          startedAtMs: base - week,
          metrics: goodMetrics({ talkShare: 0.4, selfSpeechSec: 800, othersSpeechSec: 1200, interruptionsBySelf: 0 }),
        }),
      ),
    ];
    setup({}, fakeActions({ loadSince: vi.fn(async () => summaries) }));
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    });
    const share = await screen.findByRole('region', { name: 'Your talk share' });
    expect(share.textContent).toMatch(/40% \(target 25%\), up from 20% \(worse\)/);
  });

  it('shows one empty state instead of empty charts, and filters by kind of meeting', async () => {
    const oneOnOne = summarizeCall(
      makeRecord({ id: '1on1', startedAtMs: newest.startedAtMs, meetingKind: 'one-on-one' }),
    );
    setup({}, fakeActions({ loadSince: vi.fn(async () => [oneOnOne]) }));
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    });
    await screen.findByRole('region', { name: 'Your talk share' });
    fireEvent.change(screen.getByLabelText('Kind of meeting'), { target: { value: 'sales' } });
    expect(screen.getByTestId('trends-empty').textContent).toMatch(/No sales call calls to show yet/);
    expect(screen.queryByRole('region', { name: 'Your talk share' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Kind of meeting'), { target: { value: 'one-on-one' } });
    expect(await screen.findByRole('region', { name: 'Your talk share' })).toBeTruthy();
  });
});
