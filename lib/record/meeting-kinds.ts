// The kind of meeting a person chose for a meeting title ("Weekly sync" is a team meeting, "1:1 Sam"
// a one-on-one), remembered so that title's next calls start with it. Pure: the map lives in the
// extension's local storage (extension/meeting-kinds.ts), never in synced settings (titles are the
// person's data and stay in this browser profile, like the calls).
import { MEETING_KINDS, type MeetingKind } from './types';

/** Title key → kind, in the order chosen (oldest first). */
export type RememberedKinds = Record<string, MeetingKind>;

/** Titles remembered at most: the oldest choice goes first past this. */
export const MAX_REMEMBERED_KINDS = 500;

/** "  Weekly   Sync " and "weekly sync" are the same meeting. */
export function titleKey(title: string): string {
  return title.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export function rememberKind(kinds: RememberedKinds, title: string | null, kind: MeetingKind): RememberedKinds {
  if (title === null || titleKey(title) === '') return kinds;
  const key = titleKey(title);
  const { [key]: _previous, ...others } = kinds;
  const entries = Object.entries({ ...others, [key]: kind });
  return Object.fromEntries(entries.slice(-MAX_REMEMBERED_KINDS));
}

/** The kind chosen for this title before, if any (a damaged value counts as none). */
export function rememberedKind(kinds: RememberedKinds, title: string | null): MeetingKind | null {
  if (title === null) return null;
  const kind = kinds[titleKey(title)];
  return kind !== undefined && MEETING_KINDS.includes(kind) ? kind : null;
}
