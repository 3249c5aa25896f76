// "Did you mean …?" for near-miss keys and enum values: the closest candidate by edit distance,
// offered only when it is close enough to be a plausible typo. Bounded work per call: inputs and
// candidates longer than MAX_SUGGEST_LENGTH are not compared, at most MAX_CANDIDATES candidates are,
// and candidates whose length alone rules them out are skipped.

export const MAX_SUGGEST_LENGTH = 64;
export const MAX_CANDIDATES = 200;

export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > MAX_SUGGEST_LENGTH) return undefined;
  const lowered = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  const count = Math.min(candidates.length, MAX_CANDIDATES);
  for (let i = 0; i < count; i++) {
    const candidate = candidates[i];
    if (typeof candidate !== 'string' || candidate.length > MAX_SUGGEST_LENGTH) continue;
    // The distance is at least the length difference: skip what cannot beat the best or pass the bar.
    const lengthGap = Math.abs(candidate.length - input.length);
    if (lengthGap >= bestDistance || lengthGap > Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3))) continue;
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(input.length, best.length) / 3));
  return bestDistance > 0 && bestDistance <= allowed ? best : lowered === best.toLowerCase() && input !== best ? best : undefined;
}

/** Damerau-Levenshtein (optimal string alignment) distance, bounded to short strings. */
export function editDistance(a: string, b: string): number {
  if (a.length > MAX_SUGGEST_LENGTH || b.length > MAX_SUGGEST_LENGTH) return Math.abs(a.length - b.length) + MAX_SUGGEST_LENGTH;
  const cols = b.length + 1;
  // Three rows suffice for the transposition step.
  let before = new Uint16Array(cols);
  let previous = new Uint16Array(cols);
  let current = new Uint16Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}
