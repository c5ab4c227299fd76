// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Overlay, type OverlayActions, type OverlayData } from '../../components/overlay/overlay';
import { text } from '../../lib/coaching/text';
import type { LiveState } from '../../lib/engine/types';

afterEach(cleanup);

function liveState(overrides: Partial<LiveState> = {}): LiveState {
  return {
    timeSec: 600,
    selfSpeaking: true,
    othersSpeaking: false,
    muted: false,
    floor: 'self',
    floorTurnSec: 80,
    selfTurnSec: 80,
    selfSpeechSec: 200,
    othersSpeechSec: 300,
    talkShare: 0.40012,
    interruptionsBySelf: 2,
    interruptionsOfSelf: 1,
    talkoversBySelf: 0,
    talkoversOfSelf: 0,
    backchannelsBySelf: 7,
    backchannelsByOthers: 3,
    longestMonologueSec: 80,
    othersLongestTurnSec: 30,
    ...overrides,
  };
}

function setup(overrides: Partial<OverlayData> = {}) {
  const data: OverlayData = {
    state: 'listening',
    live: liveState(),
    participants: 4,
    targetShare: 0.25,
    thresholds: { monologueSec: 75, overShareFactor: 1.5 },
    nudge: null,
    people: null,
    collapsed: false,
    position: null,
    message: null,
    host: 'meet.google.com',
    ...overrides,
  };
  const actions: OverlayActions = {
    dismissNudge: vi.fn(),
    setCollapsed: vi.fn(),
    move: vi.fn(),
    hideOnThisSite: vi.fn(),
    setPaused: vi.fn(),
  };
  render(<Overlay data={data} actions={actions} />);
  return { actions, root: screen.getByRole('region', { name: 'Listening Coach' }) };
}

describe('Overlay', () => {
  it('carries its live figures as data attributes', () => {
    const { root } = setup();
    expect(root.dataset).toMatchObject({
      talkShare: '0.400',
      interruptionsBySelf: '2',
      interruptionsOfSelf: '1',
      backchannelsBySelf: '7',
      state: 'listening',
    });
  });

  it('shows one small bar per person who spoke, with data-people on its root, and who is not heard yet', () => {
    const person = (label: string, shareOfOthers: number, name?: string) => ({
      label,
      ...(name ? { name } : {}),
      speechSec: 100 * shareOfOthers,
      shareOfOthers,
      shareOfAll: shareOfOthers / 2,
      longestTurnSec: 20,
      interruptionsBySelf: 0,
      interruptionsOfSelf: 0,
    });
    const { root } = setup({
      people: {
        split: true,
        people: [person('Person 1', 0.625, 'Ada'), person('Person 2', 0.375)],
        notHeard: { count: 1 },
      },
    });
    expect(JSON.parse(root.dataset.people!)).toEqual([
      { label: 'Person 1', name: 'Ada', talkShare: 0.625 },
      { label: 'Person 2', talkShare: 0.375 },
    ]);
    expect(root.dataset.peopleSplit).toBe('people');
    expect(screen.getByRole('group', { name: 'Who else spoke' })).toBeTruthy();
    expect(screen.getByLabelText('Ada: 63% of the others’ talk')).toBeTruthy();
    expect(screen.getByLabelText('Person 2: 38% of the others’ talk')).toBeTruthy();
    expect(root.textContent).toContain('Not heard yet: one person');
  });

  it('says plainly when the call gives no split per person, and invents none', () => {
    const { root } = setup({ people: { split: false, reason: 'one-stream' } });
    expect(root.dataset.people).toBe('[]');
    expect(root.dataset.peopleSplit).toBe('one-stream');
    expect(root.textContent).toContain('no split per person');
    expect(screen.queryByRole('group', { name: 'Who else spoke' })).toBeNull();
  });

  it('keeps the attributes readable before the first live update', () => {
    const { root } = setup({ live: null, state: 'idle' });
    expect(root.dataset).toMatchObject({ talkShare: '0.000', interruptionsBySelf: '0', state: 'idle' });
  });

  it('shows my share against the fair share, the floor and my turn', () => {
    setup();
    expect(screen.getByRole('img', { name: 'Your talk share 40%; fair share 25%' })).toBeTruthy();
    expect(screen.getByText('You have the floor · 1:20')).toBeTruthy();
    // Past the monologue threshold the turn counter warns.
    expect(screen.getByText('Your turn 1:20').className).toContain('lc-warn-text');
  });

  it('names its counts with the popup’s words', () => {
    setup();
    for (const [label, count] of [
      ['Your interruptions', '2'],
      ['Interruptions of you', '1'],
      ['Your backchannels', '7'],
    ] as const) {
      expect(screen.getByText(label).nextElementSibling?.textContent).toBe(count);
    }
  });

  it('falls back to my target when the group size is unknown', () => {
    setup({ participants: null });
    expect(screen.getByRole('img', { name: 'Your talk share 40%; your target 25%' })).toBeTruthy();
  });

  it('explains how to fix a blocked microphone, without figures', () => {
    setup({ state: 'mic-denied', live: null });
    expect(screen.getByText('Microphone blocked')).toBeTruthy();
    expect(screen.getByText(/turn Microphone on, then reload/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('prefers the pipeline’s own message', () => {
    setup({ state: 'limited', message: 'Teams changed its page: audio only.' });
    expect(screen.getByText('Teams changed its page: audio only.')).toBeTruthy();
  });

  it('names each state', () => {
    for (const [state, label] of [
      ['paused', 'Paused'],
      ['muted', 'Muted'],
      ['unsupported', 'Site not supported'],
      ['limited', 'Limited: audio only'],
    ] as const) {
      setup({ state });
      expect(screen.getByText(label)).toBeTruthy();
      cleanup();
    }
  });

  it('shows one nudge in a live region and dismisses it', () => {
    const { actions } = setup({
      nudge: {
        kind: 'monologue',
        tone: 'gentle',
        text: text('nudge.monologue', '1\u00a0min\u00a020\u00a0s'),
        shownAtMs: 1,
      },
    });
    expect(screen.getByRole('status').textContent).toContain(
      'You have been talking for 1\u00a0min\u00a020\u00a0s. A good moment to hand over?',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the nudge' }));
    expect(actions.dismissNudge).toHaveBeenCalledOnce();
  });

  it('collapses to the share alone, and expands again', () => {
    const { actions } = setup({ collapsed: true });
    expect(screen.queryByText('Your interruptions')).toBeNull();
    expect(screen.getByText('40%')).toBeTruthy();
    const expand = screen.getByRole('button', { name: 'Show details' });
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(expand);
    expect(actions.setCollapsed).toHaveBeenCalledWith(false);
  });

  it('moves with the arrow keys, staying on screen', () => {
    const { actions } = setup({ position: { x: 100, y: 100 } });
    const handle = screen.getByRole('button', { name: /Move Listening Coach/ });
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(actions.move).toHaveBeenLastCalledWith({ x: 110, y: 100 });
    fireEvent.keyDown(handle, { key: 'ArrowUp', shiftKey: true });
    expect(actions.move).toHaveBeenLastCalledWith({ x: 100, y: 50 });
    cleanup();
    const nearEdge = setup({ position: { x: 20, y: 100 } });
    fireEvent.keyDown(screen.getByRole('button', { name: /Move Listening Coach/ }), {
      key: 'ArrowLeft',
      shiftKey: true,
    });
    expect(nearEdge.actions.move).toHaveBeenLastCalledWith({ x: 8, y: 100 });
  });

  it('hides on this site and pauses', () => {
    const { actions } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Hide on meet.google.com' }));
    expect(actions.hideOnThisSite).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Pause coaching' }));
    expect(actions.setPaused).toHaveBeenCalledWith(true);
  });

  it('offers to resume when paused', () => {
    const { actions } = setup({ state: 'paused' });
    fireEvent.click(screen.getByRole('button', { name: 'Resume coaching' }));
    expect(actions.setPaused).toHaveBeenCalledWith(false);
  });

  it('keeps every control reachable by keyboard in a sensible order', () => {
    setup({ nudge: { kind: 'interruption', tone: 'gentle', text: text('nudge.interruption'), shownAtMs: 1 } });
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent);
    expect(names).toEqual([
      'Move Listening Coach (arrow keys)',
      'Collapse',
      'Hide on meet.google.com',
      'Pause coaching',
      'Dismiss the nudge',
    ]);
  });
});
