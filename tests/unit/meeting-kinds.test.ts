import { describe, expect, it } from 'vitest';
import { buildCallRecord } from '../../lib/record/call-record';
import { MAX_REMEMBERED_KINDS, rememberedKind, rememberKind, titleKey } from '../../lib/record/meeting-kinds';
import { callProgress } from '../fixtures/records';

describe('meeting kind remembered per title', () => {
  it('treats the same title in other spacing or case as the same meeting', () => {
    expect(titleKey('  Weekly   Sync ')).toBe('weekly sync');
    const kinds = rememberKind({}, 'Weekly Sync', 'interview');
    expect(rememberedKind(kinds, 'weekly sync')).toBe('interview');
    expect(rememberedKind(kinds, 'Another call')).toBeNull();
    expect(rememberedKind(kinds, null)).toBeNull();
  });

  it('remembers nothing for a call without a title, and the latest choice for one', () => {
    expect(rememberKind({}, null, 'sales')).toEqual({});
    expect(rememberKind({}, '   ', 'sales')).toEqual({});
    const twice = rememberKind(rememberKind({}, 'Standup', 'team'), 'Standup', 'one-on-one');
    expect(rememberedKind(twice, 'Standup')).toBe('one-on-one');
  });

  it('keeps at most the newest choices, dropping the oldest', () => {
    let kinds = {};
    for (let i = 0; i <= MAX_REMEMBERED_KINDS; i++) kinds = rememberKind(kinds, `Meeting ${i}`, 'sales');
    expect(Object.keys(kinds)).toHaveLength(MAX_REMEMBERED_KINDS);
    expect(rememberedKind(kinds, 'Meeting 0')).toBeNull();
    expect(rememberedKind(kinds, `Meeting ${MAX_REMEMBERED_KINDS}`)).toBe('sales');
  });

  it('ignores a damaged stored value', () => {
    expect(rememberedKind({ standup: 'lecture' as never }, 'Standup')).toBeNull();
  });

  it('starts the next call with that title with the chosen kind instead of the guess from its size', () => {
    const header = {
      site: 'meet' as const,
      host: 'meet.google.com',
      title: null,
      startedAtMs: 1_000,
      captureMode: 'in-page' as const,
      speechModel: 'yamnet' as const,
    };
    // Two people: the guess is a one-on-one.
    const { callId: _id, final: _final, ...update } = { ...callProgress('a', 120, false), title: 'Weekly sync' };
    const kinds = rememberKind({}, 'weekly sync', 'team');
    const guessed = buildCallRecord({ id: 'a', header, update, status: 'live' });
    expect(guessed.meetingKind).toBe('one-on-one');
    const remembered = buildCallRecord({
      id: 'a',
      header,
      update,
      status: 'live',
      rememberedKind: (title) => rememberedKind(kinds, title),
    });
    expect(remembered.meetingKind).toBe('team');
  });
});
