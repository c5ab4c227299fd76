// A second DevTools connection to the test browser, at browser level and in flat mode, that attaches
// to every target as it appears — tabs, their out-of-process frames (the extension's classifier
// frame), dedicated workers (the speech model), the service worker, the offscreen document,
// extension pages — and records every request each one makes (Network domain), plus a few fault
// injections (stop the service worker, crash a renderer). Playwright's own connection cannot address
// the nested targets, hence this one. The browser must be launched with CDP_ARGS.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Adds a DevTools port (chosen by Chromium, written to <profile>/DevToolsActivePort). */
export const CDP_ARGS = ['--remote-debugging-port=0'];

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface SeenRequest {
  /** The target that made it: type and URL when it was attached. */
  target: TargetInfo;
  url: string;
  method: string;
  initiator: string;
}

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { message: string };
  sessionId?: string;
};

interface Socket {
  send(data: string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };

export class CdpWatcher {
  readonly requests: SeenRequest[] = [];
  readonly targets = new Map<string, TargetInfo>(); // by session id
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: Socket) {
    socket.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as Message));
  }

  static async connect(userDataDir: string, timeoutMs = 10_000): Promise<CdpWatcher> {
    const file = join(userDataDir, 'DevToolsActivePort');
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(file) || readFileSync(file, 'utf8').split('\n').length < 2) {
      if (Date.now() > deadline) throw new Error('the browser wrote no DevToolsActivePort (launch it with CDP_ARGS)');
      await new Promise((r) => setTimeout(r, 100));
    }
    const [port, path] = readFileSync(file, 'utf8').trim().split('\n');
    // playwright-core's own copy of `ws` (no typings: it is an internal bundle, but an exported path).
    const { ws: WebSocket } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as {
      ws: new (url: string, options: { perMessageDeflate: boolean; maxPayload: number }) => Socket;
    };
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, {
      perMessageDeflate: false,
      maxPayload: 256 * 1024 * 1024,
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('error', reject);
    });
    const watcher = new CdpWatcher(socket);
    await watcher.send('Target.setDiscoverTargets', { discover: true });
    await watcher.send('Target.setAutoAttach', AUTO_ATTACH);
    // Targets that existed already and auto-attach does not reach (extension pages opened earlier).
    const { targetInfos } = (await watcher.send('Target.getTargets')) as {
      targetInfos: (TargetInfo & { attached: boolean })[];
    };
    for (const info of targetInfos) if (!info.attached && info.type !== 'browser') await watcher.attach(info.targetId);
    return watcher;
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<unknown> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Targets seen so far whose type and URL match. */
  findTargets(type: string, urlPart = ''): { sessionId: string; info: TargetInfo }[] {
    return [...this.targets]
      .filter(([, t]) => t.type === type && t.url.includes(urlPart))
      .map(([sessionId, info]) => ({ sessionId, info }));
  }

  /** Evaluates an expression in one attached target and returns its value. */
  async evaluate(sessionId: string, expression: string): Promise<unknown> {
    const reply = (await this.send(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    )) as {
      result: { value: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails)
      throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value;
  }

  close(): void {
    this.socket.close();
  }

  private async attach(targetId: string): Promise<void> {
    await this.send('Target.attachToTarget', { targetId, flatten: true }).catch(() => {}); // gone meanwhile
  }

  private onMessage(message: Message): void {
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result);
      return;
    }
    const params = message.params ?? {};
    if (message.method === 'Target.attachedToTarget') {
      const sessionId = params.sessionId as string;
      const info = params.targetInfo as TargetInfo;
      this.targets.set(sessionId, { targetId: info.targetId, type: info.type, url: info.url });
      void this.prepare(sessionId, params.waitingForDebugger === true);
    } else if (message.method === 'Target.targetInfoChanged') {
      // Navigations: keep each session's URL current.
      const info = params.targetInfo as TargetInfo;
      for (const target of this.targets.values()) if (target.targetId === info.targetId) target.url = info.url;
    } else if (message.method === 'Target.detachedFromTarget') {
      // Kept in `targets`: requests already seen still name their target.
    } else if (message.method === 'Target.targetCreated') {
      const info = params.targetInfo as TargetInfo & { attached: boolean };
      if (!info.attached && info.type !== 'browser' && info.type !== 'tab') void this.attach(info.targetId);
    } else if (message.method === 'Network.requestWillBeSent' && message.sessionId) {
      const request = params.request as { url: string; method: string };
      const initiator = params.initiator as { type: string; url?: string };
      this.requests.push({
        target: this.targets.get(message.sessionId) ?? { targetId: '?', type: '?', url: '?' },
        url: request.url,
        method: request.method,
        initiator: `${initiator.type}${initiator.url ? ` ${initiator.url}` : ''}`,
      });
    }
  }

  /** Network on, nested targets (frames, workers) attached too, then let the target run. */
  private async prepare(sessionId: string, waiting: boolean): Promise<void> {
    await Promise.all([
      this.send('Network.enable', {}, sessionId).catch(() => {}),
      this.send('Target.setAutoAttach', AUTO_ATTACH, sessionId).catch(() => {}),
    ]);
    if (waiting) await this.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => {});
  }
}
