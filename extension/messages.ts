// The one message protocol between extension contexts. Names read as `<receiver>.<action>` so the
// route is visible at every call site. The background checks every sender (extension/sender.ts):
// only this extension's own pages and its content scripts on meeting tabs are answered.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AnalysisResult, LiveState, SpeechModelName } from '../lib/engine/types';
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
  /** A plain sentence for the person when something needs their action (mic denied, …). */
  message: string | null;
}

export interface CallStart {
  site: SiteId;
  host: string;
  title: string | null;
  startedAtMs: number;
  captureMode: CaptureMode;
  speechModel: SpeechModelName;
}

export interface CallProgress {
  callId: string;
  /** Engine result so far (finalised part plus provisional tail). */
  result: AnalysisResult;
  participants: number | null;
  title: string | null;
  limited: boolean;
  endedAtMs: number;
}

export interface ProtocolMap {
  // content script → background
  'background.callStarted'(start: CallStart): { callId: string };
  /** Saved as it goes (≤10 s apart) and once more, final, at the end. */
  'background.callProgress'(progress: CallProgress & { final: boolean }): void;
  'background.tabStatus'(status: TabStatus): void;

  // popup / options → background
  'background.getTabStatus'(tabId: number): TabStatus | null;
  'background.startTabCapture'(tabId: number): { ok: true } | { ok: false; message: string };
  'background.stopTabCapture'(tabId: number): void;
  'background.saveCheckIn'(args: { callId: string; checkIn: CheckIn }): void;

  // background → content script (via tabs)
  'content.setPaused'(paused: boolean): void;
  /** Tab audio arrived from the offscreen document: use it as the remote channel. */
  'content.tabCaptureChanged'(active: boolean): void;

  // background → offscreen document
  'offscreen.startTabCapture'(args: { streamId: string; tabId: number }): void;
  'offscreen.stopTabCapture'(tabId: number): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

export type { CallRecord };
