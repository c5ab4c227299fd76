// Labels for the real calls' utterances (../shared/evalsets/real-calls, SpokenWOZ; their `utterances`
// in each *_Aself.truth.json): what each utterance does, read from its transcript by hand. Keyed by
// call, party and start time; the words stay in ../shared. Utterances not listed do none of it.
// Labelled as said, not as a rule would see it: elliptical questions ("and then the address") are
// questions here, which the rules are expected to miss.
import type { LineLabel } from './conversations';

export interface RealLabel extends LineLabel {
  call: string;
  party: 'self' | 'other1';
  start: number;
}

const L = (call: string, party: RealLabel['party'], start: number, label: LineLabel): RealLabel => ({
  call,
  party,
  start,
  ...label,
});

export const REAL_CALLS = ['swz_MUL1423_Aself', 'swz_SNG0072_Aself', 'swz_SNG0480_Aself'] as const;

export const REAL_LABELS: RealLabel[] = [
  L('swz_MUL1423_Aself', 'other1', 3.15, { q: ['open+person'] }),
  L('swz_MUL1423_Aself', 'other1', 6.03, { thanks: 1 }),
  L('swz_MUL1423_Aself', 'other1', 28.45, { q: ['closed'] }),
  L('swz_MUL1423_Aself', 'self', 45.19, { q: ['closed'] }),
  L('swz_MUL1423_Aself', 'self', 53.69, { q: ['closed'] }),
  L('swz_MUL1423_Aself', 'self', 61.98, { q: ['closed'] }),
  L('swz_MUL1423_Aself', 'self', 69.21, { thanks: 1 }),
  L('swz_MUL1423_Aself', 'other1', 74.73, { q: ['closed'] }),
  L('swz_MUL1423_Aself', 'self', 95.63, { q: ['closed'] }),
  L('swz_MUL1423_Aself', 'self', 104.51, { q: ['closed'] }),
  L('swz_MUL1423_Aself', 'other1', 112.5, { q: ['closed'] }),

  L('swz_SNG0072_Aself', 'other1', 1.82, { q: ['open'] }),
  L('swz_SNG0072_Aself', 'self', 4.37, { q: ['closed'] }),
  L('swz_SNG0072_Aself', 'other1', 12.69, { q: ['closed'] }),
  L('swz_SNG0072_Aself', 'other1', 24.56, { q: ['open'] }),
  L('swz_SNG0072_Aself', 'self', 27.78, { q: ['closed'] }),
  L('swz_SNG0072_Aself', 'self', 52.2, { q: ['closed'] }),
  L('swz_SNG0072_Aself', 'other1', 84.97, { q: ['closed'] }),
  L('swz_SNG0072_Aself', 'self', 91.41, { thanks: 1 }),
  L('swz_SNG0072_Aself', 'other1', 95.36, { thanks: 1 }),

  L('swz_SNG0480_Aself', 'other1', 5.61, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 10.41, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 16.61, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 32.55, { q: ['open'] }),
  L('swz_SNG0480_Aself', 'self', 34.58, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 36.72, { q: ['closed', 'closed'] }),
  L('swz_SNG0480_Aself', 'other1', 41.9, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 47.33, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 52.17, { q: ['closed'], summary: true }),
  L('swz_SNG0480_Aself', 'other1', 59.41, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 64.07, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 75.56, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 84.23, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'self', 87.09, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'other1', 89.89, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'self', 102.76, { thanks: 1 }),
  L('swz_SNG0480_Aself', 'other1', 104.62, { q: ['closed'] }),
  L('swz_SNG0480_Aself', 'self', 107.34, { thanks: 1 }),
];
