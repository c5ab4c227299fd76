// Times the page's RTCRtpReceiver source reads (getSynchronizationSources, getContributingSources):
// what the RTC hook costs a meeting page's main thread (docs/people.md). Shared by the Janus people
// e2e and bench/rtc-hook.ts.
import type { Page } from 'playwright-core';

interface ReadStats {
  calls: number;
  ms: number;
  sinceMs: number;
}

export interface SourceReadCost {
  callsPerSec: number;
  usPerCall: number;
  /** Main-thread milliseconds inside the reads per second. */
  msPerSec: number;
}

/** Wraps every source read in the page from now on (starting the count again when called again). */
export async function timeSourceReads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __sourceReads?: ReadStats };
    const fresh = !w.__sourceReads;
    const stats: ReadStats = { calls: 0, ms: 0, sinceMs: performance.now() };
    w.__sourceReads = stats;
    if (!fresh) return;
    for (const name of ['getSynchronizationSources', 'getContributingSources'] as const) {
      const native = RTCRtpReceiver.prototype[name];
      RTCRtpReceiver.prototype[name] = function (this: RTCRtpReceiver) {
        const started = performance.now();
        try {
          return native.call(this);
        } finally {
          const current = w.__sourceReads!;
          current.ms += performance.now() - started;
          current.calls++;
        }
      } as typeof native;
    }
  });
}

/** The reads since timeSourceReads. */
export async function sourceReadCost(page: Page): Promise<SourceReadCost> {
  return page.evaluate(() => {
    const { calls, ms, sinceMs } = (window as unknown as { __sourceReads: ReadStats }).__sourceReads;
    const sec = (performance.now() - sinceMs) / 1000;
    return { callsPerSec: calls / sec, usPerCall: (1000 * ms) / Math.max(1, calls), msPerSec: ms / sec };
  });
}
