// The one message protocol between extension contexts. Names read as `<receiver>.<action>` so the
// route is visible at every call site. The background checks every sender (extension/sender.ts):
// only this extension's own pages and its content scripts on meeting tabs are answered.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { LiveState, SpeechModelName } from '../lib/engine/types';
import type { CallHeader, CallUpdate } from '../lib/record/call-record';
import type { CallRecord, CaptureMode, CheckIn } from '../lib/record/types';
import type { SiteId } from '../lib/sites/types';

/** What a person sees about the coach in a tab (overlay badge, popup). */
export type CoachState =
  | 'idle' // not in a call
  | 'listening'
  | 'paused' // the person paused the coach
  | 'muted' // in the call, muted in the meeting
  | 'mic-denied'
  | 'unsupported' // site not supported or switched off
  | 'limited'; // in a call, page markers unreadable: audio-only figures

export interface TabStatus {
  state: CoachState;
  site: SiteId | null;
  captureMode: CaptureMode | null;
  speechModel: SpeechModelName;
  callId: string | null;
  live: LiveState | null;
  /** A plain sentence for the person when something needs their action (mic denied, …), in the
   *  browser's language (locales/, status.*). */
  message: string | null;
  /** Participants the page shows (me included), for the fair share; absent or null when unknown. */
  participants?: number | null;
}

/** What is known when the call starts (lib/record/call-record.ts builds the record from it). */
export type CallStart = CallHeader;

/** One save: the engine result so far (finalised part plus provisional tail), what the page shows,
 *  and the muted stretches. */
export type CallProgress = CallUpdate & { callId: string };

export interface ProtocolMap {
  // content script → background
  /** `tabAudioChannel`: tab capture already runs for this tab, use its audio as the remote channel. */
  'background.callStarted'(start: CallStart): { callId: string; tabAudioChannel: string | null };
  /** Saved as it goes (≤10 s apart) and once more, final, at the end. */
  'background.callProgress'(progress: CallProgress & { final: boolean }): void;
  /** The person joined the same meeting again soon after leaving it: continue that call's record.
   *  false: too late or unknown, start a new call instead. */
  'background.callResumed'(args: { callId: string }): boolean;
  'background.tabStatus'(status: TabStatus): void;
  /** This tab's secret for the extension frame (asked by the content script and by the frame itself:
   *  the frame serves only a connection that shows it). */
  'background.frameToken'(): string;

  // popup / options → background
  'background.getTabStatus'(tabId: number): TabStatus | null;
  'background.startTabCapture'(tabId: number): { ok: true } | { ok: false; message: string };
  'background.stopTabCapture'(tabId: number): void;
  /** Pause or resume the coach in a tab (forwarded as content.setPaused). */
  'background.setPaused'(args: { tabId: number; paused: boolean }): void;
  'background.saveCheckIn'(args: { callId: string; checkIn: CheckIn }): void;

  // background → content script (via tabs)
  'content.setPaused'(paused: boolean): void;
  /** Tab capture started (relay the offscreen document's tab audio from this BroadcastChannel and
   *  use it as the remote channel) or stopped (null: back to in-page audio). */
  'content.tabCaptureChanged'(capture: { channel: string } | null): void;
  /** The last save did not fit on the disk (true), or saving works again (false). */
  'content.storageFull'(full: boolean): void;

  // background → offscreen document
  /** Consume the tab's stream, play it back, and publish its audio on `channel`. */
  'offscreen.startTabCapture'(args: { streamId: string; tabId: number; channel: string }): void;
  'offscreen.stopTabCapture'(tabId: number): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Long-lived connections (runtime.connect) whose only job is to end: the background learns that a
 *  meeting page (crashed, closed, navigated) or the offscreen document has gone. */
export const PORT_NAMES = {
  meetingPage: 'listening-coach/meeting-page',
  offscreen: 'listening-coach/offscreen',
} as const;

/**
 * Set by a running coach in its content-script world: a function telling whether it is still alive
 * (an orphan of a reloaded extension is not). The background asks before putting the coach into an
 * open tab, because two coaches starting together in one page stop each other (WXT's "newer script"
 * check fires in both) and the page is left with none.
 */
export const LIVE_COACH_GLOBAL = '__listeningCoachAlive';

export type { CallRecord };
