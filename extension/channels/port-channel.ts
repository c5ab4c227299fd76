// One way to talk across a boundary that carries structured clones (a MessagePort, an AudioWorklet
// node's port, a Worker): one-way messages, and requests that carry an id and get a reply naming
// it. A request whose reply does not come within its timeout, or that is still open when the
// channel closes, resolves to null: callers fall back (`?? lastResult`) instead of waiting for
// ever. Each route declares the messages and requests of both directions in its own module
// (extension/channels/<route>.ts) and opens its ends with `openPortChannel`.
//
// No timers unless a request asks for a timeout: the AudioWorklet scope, which has none, uses it too.

/** What one side of a route sends: one-way messages (type → body) and requests (type → body and reply). */
export interface Protocol {
  messages: Record<string, unknown>;
  requests: Record<string, { request: unknown; reply: unknown }>;
}

/** The part of a MessagePort, worklet port, Worker or worker scope a channel uses. */
export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** On the wire: a message `{ m: type, b }`, a request `{ q: type, id, b }`, a reply `{ r: id, b }`. */
type Envelope = { m: string; b: unknown } | { q: string; id: number; b: unknown } | { r: number; b: unknown };

/** A reply that moves buffers instead of copying them. */
export interface Transferring<T> {
  value: T;
  transfer: Transferable[];
}

/** Listeners for the one-way messages a route brings in. */
export type MessageHandlers<In extends Protocol> = { [K in keyof In['messages']]?: (body: In['messages'][K]) => void };

type Handlers<In extends Protocol> = {
  messages?: MessageHandlers<In>;
  requests?: {
    [K in keyof In['requests']]?: (
      body: In['requests'][K]['request'],
    ) => In['requests'][K]['reply'] | Transferring<In['requests'][K]['reply']> | Promise<In['requests'][K]['reply']>;
  };
};

export interface RequestOptions {
  /** Resolve to null after this long without a reply (default: wait until the channel closes). */
  timeoutMs?: number;
  transfer?: Transferable[];
}

export interface PortChannel<Out extends Protocol> {
  send<K extends keyof Out['messages'] & string>(type: K, body: Out['messages'][K], transfer?: Transferable[]): void;
  request<K extends keyof Out['requests'] & string>(
    type: K,
    body: Out['requests'][K]['request'],
    options?: RequestOptions,
  ): Promise<Out['requests'][K]['reply'] | null>;
  /** Requests still waiting resolve to null; nothing more is received. */
  close(): void;
}

function isTransferring<T>(value: unknown): value is Transferring<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'transfer' in value &&
    'value' in value &&
    Array.isArray((value as Transferring<T>).transfer)
  );
}

/**
 * Opens one end of a route on `port`: `Out` is what this end sends, `In` what it receives and
 * answers. Takes over `port.onmessage`. A request nobody handles here is answered with null.
 */
export function openPortChannel<Out extends Protocol, In extends Protocol>(
  port: PortLike,
  handlers: Handlers<In> = {},
): PortChannel<Out> {
  const pending = new Map<number, { resolve: (reply: unknown) => void; timer: ReturnType<typeof setTimeout> | null }>();
  let nextId = 0;
  let closed = false;

  const settle = (id: number, reply: unknown) => {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    if (waiting.timer !== null) clearTimeout(waiting.timer);
    waiting.resolve(reply);
  };

  const answer = async (id: number, type: string, body: unknown) => {
    const handler = (handlers.requests as Record<string, ((body: unknown) => unknown) | undefined> | undefined)?.[type];
    let reply: unknown = null;
    try {
      reply = handler ? await handler(body) : null;
    } catch (error) {
      console.warn(`[listening-coach] ${type} failed`, error);
    }
    if (closed) return;
    if (isTransferring(reply)) port.postMessage({ r: id, b: reply.value } satisfies Envelope, reply.transfer);
    else port.postMessage({ r: id, b: reply } satisfies Envelope);
  };

  port.onmessage = (event: MessageEvent<Envelope>) => {
    const envelope = event.data;
    if (closed || typeof envelope !== 'object' || envelope === null) return;
    if ('r' in envelope) settle(envelope.r, envelope.b);
    else if ('q' in envelope) void answer(envelope.id, envelope.q, envelope.b);
    else if ('m' in envelope)
      (handlers.messages as Record<string, ((body: unknown) => void) | undefined> | undefined)?.[envelope.m]?.(
        envelope.b,
      );
  };

  return {
    send(type, body, transfer = []) {
      if (!closed) port.postMessage({ m: type, b: body } satisfies Envelope, transfer);
    },
    request(type, body, options = {}) {
      if (closed) return Promise.resolve(null);
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = options.timeoutMs === undefined ? null : setTimeout(() => settle(id, null), options.timeoutMs);
        pending.set(id, { resolve: resolve as (reply: unknown) => void, timer });
        port.postMessage({ q: type, id, b: body } satisfies Envelope, options.transfer ?? []);
      });
    },
    close() {
      closed = true;
      port.onmessage = null;
      for (const id of [...pending.keys()]) settle(id, null);
    },
  };
}
