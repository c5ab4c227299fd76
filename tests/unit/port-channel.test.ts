// The one request/reply helper every route uses (extension/channels/port-channel.ts): ids, replies
// in any order, timeouts, closing, transfers, and no timers unless a timeout is asked for.
import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPortChannel, type PortLike, type Protocol } from '../../extension/channels/port-channel';

interface Asks extends Protocol {
  messages: { note: string };
  requests: {
    double: { request: number; reply: number };
    slow: { request: number; reply: number };
    bytes: { request: null; reply: Float32Array };
  };
}
interface Answers extends Protocol {
  messages: { heard: string };
  requests: Record<never, never>;
}

function pair() {
  const { port1, port2 } = new NodeMessageChannel();
  return {
    a: port1 as unknown as PortLike,
    b: port2 as unknown as PortLike,
    close: () => (port1.close(), port2.close()),
  };
}

const channels: (() => void)[] = [];
afterEach(() => {
  for (const close of channels.splice(0)) close();
  vi.useRealTimers();
});

describe('a port channel', () => {
  it('answers requests by id, whatever order the replies come in', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const asker = openPortChannel<Asks, Answers>(a);
    openPortChannel<Answers, Asks>(b, {
      requests: {
        double: (n) => n * 2,
        slow: (n) => new Promise((resolve) => setTimeout(() => resolve(n + 1), 30)),
      },
    });
    const slow = asker.request('slow', 1);
    const fast = asker.request('double', 21);
    expect(await Promise.all([slow, fast])).toEqual([2, 42]);
  });

  it('carries one-way messages both ways', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const heard: string[] = [];
    const asker = openPortChannel<Asks, Answers>(a, { messages: { heard: (text) => heard.push(text) } });
    const answerer = openPortChannel<Answers, Asks>(b, {
      messages: { note: (text) => answerer.send('heard', text.toUpperCase()) },
    });
    asker.send('note', 'hello');
    await vi.waitFor(() => expect(heard).toEqual(['HELLO']));
  });

  it('gives null for a request unanswered within its timeout, and ignores the late reply', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const asker = openPortChannel<Asks, Answers>(a);
    openPortChannel<Answers, Asks>(b, {
      requests: { slow: (n) => new Promise((resolve) => setTimeout(() => resolve(n), 200)) },
    });
    expect(await asker.request('slow', 7, { timeoutMs: 20 })).toBeNull();
    expect(await asker.request('slow', 8, { timeoutMs: 1000 })).toBe(8);
  });

  it('answers null to a request nobody handles, and to one whose handler throws', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const asker = openPortChannel<Asks, Answers>(a);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    openPortChannel<Answers, Asks>(b, {
      requests: {
        double: () => {
          throw new Error('broken');
        },
      },
    });
    expect(await asker.request('slow', 1)).toBeNull();
    expect(await asker.request('double', 1)).toBeNull();
  });

  it('resolves everything still waiting with null when closed, and sends nothing after', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const asker = openPortChannel<Asks, Answers>(a);
    const seen: string[] = [];
    openPortChannel<Answers, Asks>(b, {
      messages: { note: (text) => seen.push(text) },
      requests: { slow: () => new Promise(() => {}) },
    });
    const waiting = asker.request('slow', 1);
    asker.close();
    expect(await waiting).toBeNull();
    asker.send('note', 'after close');
    expect(await asker.request('double', 1)).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
  });

  it('moves buffers a reply transfers instead of copying them', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const asker = openPortChannel<Asks, Answers>(a);
    const samples = new Float32Array([1, 2, 3]);
    openPortChannel<Answers, Asks>(b, { requests: { bytes: () => ({ value: samples, transfer: [samples.buffer] }) } });
    expect([...((await asker.request('bytes', null)) ?? [])]).toEqual([1, 2, 3]);
    expect(samples.length).toBe(0); // detached: it moved
  });

  it('starts no timer unless a timeout is asked for (the AudioWorklet scope has none)', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const asker = openPortChannel<Asks, Answers>(a);
    openPortChannel<Answers, Asks>(b, { requests: { double: (n) => n * 2 } });
    expect(await asker.request('double', 2)).toBe(4);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
  });

  it('ignores what is not its own wire format (a page posting to a port it got hold of)', async () => {
    const { a, b, close } = pair();
    channels.push(close);
    const seen: string[] = [];
    openPortChannel<Answers, Asks>(b, {
      messages: { note: (text) => seen.push(text) },
      requests: { double: (n) => n * 2 },
    });
    a.postMessage(null);
    a.postMessage('note');
    a.postMessage({ type: 'classify', id: 1 });
    a.postMessage({ m: 'unknown', b: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
  });
});
