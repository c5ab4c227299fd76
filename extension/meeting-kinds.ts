// Where the remembered meeting kinds live (lib/record/meeting-kinds.ts): this browser profile's
// local extension storage, beside the calls; cleared with them.
import { storage } from 'wxt/utils/storage';
import { rememberKind, type RememberedKinds } from '../lib/record/meeting-kinds';
import type { MeetingKind } from '../lib/record/types';

export const meetingKindsItem = storage.defineItem<RememberedKinds>('local:meetingKinds', { fallback: {} });

export async function rememberMeetingKind(title: string | null, kind: MeetingKind): Promise<void> {
  await meetingKindsItem.setValue(rememberKind(await meetingKindsItem.getValue(), title, kind));
}
