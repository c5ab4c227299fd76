// The mic during a call (extension/capture/mic.ts): a device that disappears, a permission taken
// away or given back, a device plugged in later. Fakes stand in for getUserMedia, the tracks and
// the Permissions API.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { say } from '../../components/say';
import { openMic, superviseMic, type MicResult } from '../../extension/capture/mic';

class FakeTrack extends EventTarget {
  stopped = false;
  stop() {
    this.stopped = true;
  }
  /** The device went away: the browser ends the track. */
  end() {
    this.stop();
    this.dispatchEvent(new Event('ended'));
  }
}

class FakeStream {
  readonly track = new FakeTrack();
  getAudioTracks = () => [this.track];
  getTracks = () => [this.track];
}

let permission: EventTarget & { state: PermissionState };
let devices: EventTarget;
/** What the next getUserMedia does: give a stream, or fail with this DOMException name. */
let nextMic: 'stream' | 'NotAllowedError' | 'NotFoundError';
let opened: FakeStream[];

beforeEach(() => {
  permission = Object.assign(new EventTarget(), { state: 'granted' as PermissionState });
  devices = new EventTarget();
  nextMic = 'stream';
  opened = [];
  const mediaDevices = Object.assign(devices, {
    getUserMedia: vi.fn(async () => {
      if (nextMic !== 'stream') throw new DOMException('no', nextMic);
      const stream = new FakeStream();
      opened.push(stream);
      return stream;
    }),
  });
  vi.stubGlobal('navigator', { mediaDevices, permissions: { query: vi.fn(async () => permission) } });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const settle = () => new Promise((r) => setTimeout(r, 0));

function supervise(initial: MicResult) {
  const changes: MicResult[] = [];
  const stop = superviseMic('meet.google.com', initial, (mic) => changes.push(mic));
  return { changes, stop };
}

describe('the mic during a call', () => {
  it('opens a blocked site’s mic no more: "denied" without asking', async () => {
    permission.state = 'denied';
    const mic = await openMic('meet.google.com');
    expect(mic).toMatchObject({ ok: false, denied: true });
    expect(!mic.ok && say(mic.message)).toMatch(/on meet\.google\.com\. Allow it in the address bar/);
    expect(navigator.mediaDevices.getUserMedia).not.toHaveBeenCalled();
  });

  it('a device that goes: another one is tried at once, and used', async () => {
    const first = await openMic('meet.google.com');
    const { changes, stop } = supervise(first);
    await settle();
    opened[0]!.track.end();
    await settle();
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change?.ok && change.stream).toBe(opened[1]);
    stop();
  });

  it('no device left: the problem is reported, and a device plugged in later is used', async () => {
    const { changes, stop } = supervise(await openMic('meet.google.com'));
    await settle();
    nextMic = 'NotFoundError';
    opened[0]!.track.end();
    await settle();
    const lost = changes.at(-1)!;
    expect(lost).toMatchObject({ ok: false, denied: false });
    expect(!lost.ok && say(lost.message)).toMatch(/No microphone/);
    nextMic = 'stream';
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(changes.at(-1)?.ok).toBe(true);
    stop();
  });

  it('a permission taken away mid-call: the mic is given up and "denied" reported; given back, it returns', async () => {
    const { changes, stop } = supervise(await openMic('meet.google.com'));
    await settle();
    permission.state = 'denied';
    permission.dispatchEvent(new Event('change'));
    expect(changes.at(-1)).toMatchObject({ ok: false, denied: true });
    // Plugging a device in does not bring back a mic the person blocked.
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(opened).toHaveLength(1);
    permission.state = 'granted';
    permission.dispatchEvent(new Event('change'));
    await settle();
    expect(changes.at(-1)?.ok).toBe(true);
    expect(opened).toHaveLength(2);
    stop();
  });

  it('after it stops, nothing is opened and a late stream is closed', async () => {
    const { changes, stop } = supervise(await openMic('meet.google.com'));
    await settle();
    opened[0]!.track.end();
    stop(); // the call ended while another device was being opened
    await settle();
    expect(changes).toEqual([]);
    expect(opened[1]?.track.stopped ?? true).toBe(true);
  });
});
