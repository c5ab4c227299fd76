// The two yardsticks every talk-share figure is read against (shared/docs/metrics.md):
// the fair share of this call's size, and the person's own target for the kind of meeting.

/** Fair share = 1 ÷ participants (me included); null when the page never showed the count. */
export function fairShare(participants: number | null): number | null {
  if (participants === null || !Number.isFinite(participants) || participants < 2) return null;
  return 1 / participants;
}

/**
 * What a talk share is compared with when the fair share is unknown: the person's target for the
 * meeting kind. Keeps every "too much / too little" judgement defined for every call.
 */
export function shareReference(participants: number | null, targetShare: number): number {
  return fairShare(participants) ?? targetShare;
}
