// Who else spoke in this call: the RTC hook's per-source levels (from this page and its same-origin
// frames, where the hook runs too) fed with the engine's live reports into the PeopleTracker
// (lib/people/tracker.ts). The levels are taken with the live reports, so on the audio clock like
// the rest of the call, a few times a second.
import { PeopleTracker, type PeopleView, type ViewContext } from '../../lib/people/tracker';
import { isServerMixStream } from '../capture/remote-tracks';
import type { LiveReport } from '../channels/content-worklet';
import { hookDocuments, takeLevels } from '../channels/page-hook';

/** The hook's batches are taken this often. */
const TAKE_EVERY_MS = 300;

export class CallPeople {
  private readonly tracker = new PeopleTracker({ isServerMix: isServerMixStream });
  private lastTakeMs = -Infinity;

  constructor(private readonly doc: Document) {}

  onLive({ live, events }: LiveReport, nowMs: number): void {
    this.tracker.engine(nowMs, live.othersSpeaking, live.timeSec);
    this.tracker.events(events);
    if (nowMs - this.lastTakeMs < TAKE_EVERY_MS) return;
    this.take(nowMs);
    this.tracker.advance(nowMs);
  }

  /** Who the page marks as speaking now (its adapter's reading): names for the sources. */
  speakersShown(names: readonly string[], nowMs: number): void {
    this.tracker.speakersShown(nowMs, names);
  }

  /** The call ends or is left: the last samples count too. */
  finish(nowMs: number): void {
    this.take(nowMs);
    this.tracker.finish(nowMs);
  }

  private take(nowMs: number): void {
    this.lastTakeMs = nowMs;
    for (const doc of hookDocuments(this.doc)) {
      const batch = takeLevels(doc);
      if (batch) this.tracker.addBatch(batch);
    }
  }

  /** Tab capture hears the whole tab as one sound: no per-source levels belong to it. */
  view(ctx: ViewContext, captureMode: 'in-page' | 'tab'): PeopleView {
    return captureMode === 'tab' ? { split: false, reason: 'tab-capture' } : this.tracker.view(ctx);
  }

  /** People who have not spoken within `windowMs`; null when the call gives no split. */
  quietFor(windowMs: number, participants: number | null, captureMode: 'in-page' | 'tab'): number | null {
    return captureMode === 'tab' ? null : this.tracker.quietFor(windowMs, participants);
  }
}
