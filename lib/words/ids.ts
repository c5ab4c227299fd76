// The fillers and hedges the words core can count (docs/words.md), apart so the popup can name
// them without loading the rules.
export type FillerId = 'um' | 'uh' | 'you-know';
export type HedgeId = 'sort-of' | 'kind-of' | 'maybe' | 'perhaps' | 'just' | 'i-guess';
export const FILLER_IDS: readonly FillerId[] = ['um', 'uh', 'you-know'];
export const HEDGE_IDS: readonly HedgeId[] = ['sort-of', 'kind-of', 'maybe', 'perhaps', 'just', 'i-guess'];
