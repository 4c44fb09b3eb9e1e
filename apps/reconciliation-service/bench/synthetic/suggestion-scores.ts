import type { IdentifierKey } from './ground-truth.js';
import type { IdentifierLabel } from './pairwise.js';

/** A suggested (or automatically merged) pair, each side as a ground-truth key (unknown: not in truth). */
export interface ScoredSuggestion {
  a: IdentifierKey | null;
  b: IdentifierKey | null;
}

export interface SuggestionScores {
  total: number;
  /** Both sides one person's. */
  right: number;
  /** Two different people, or a side that is nobody's own (a shared card, junk, unknown). */
  wrong: number;
  /** The wrong pairs, for diagnosis. */
  wrongPairs: ScoredSuggestion[];
}

/** How many suggested pairs ground truth says are one person. */
export function suggestionScores(
  labels: ReadonlyMap<IdentifierKey, IdentifierLabel>,
  suggestions: readonly ScoredSuggestion[],
): SuggestionScores {
  const scores: SuggestionScores = { total: suggestions.length, right: 0, wrong: 0, wrongPairs: [] };
  for (const pair of suggestions) {
    const a = pair.a === null ? undefined : labels.get(pair.a);
    const b = pair.b === null ? undefined : labels.get(pair.b);
    if (a?.kind === 'person' && b?.kind === 'person' && a.personId === b.personId) scores.right += 1;
    else {
      scores.wrong += 1;
      scores.wrongPairs.push(pair);
    }
  }
  return scores;
}
