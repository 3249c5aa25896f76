// Durations, sizes and percentages as the cache layer format writes them ("1h30m", "6Gi", "10%").
// Rules compare values, so everything is turned into plain numbers (milliseconds, bytes, fractions);
// anything unreadable is `undefined` and the schema reports it — rules never guess.

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/** Configs repeat the same few durations many times; parsing each once keeps rules cheap. */
const parsedDurations = new Map<string, number | 'never' | undefined>();
const MAX_REMEMBERED_DURATIONS = 1000;

/** 'never' for the literal, milliseconds for a duration, 0 for a bare 0 / "0", undefined otherwise. */
export function parseDuration(value: unknown): number | 'never' | undefined {
  if (typeof value === 'number') return value === 0 ? 0 : undefined;
  if (typeof value !== 'string') return undefined;
  if (parsedDurations.has(value)) return parsedDurations.get(value);
  const parsed = parseDurationText(value.trim());
  if (parsedDurations.size >= MAX_REMEMBERED_DURATIONS) parsedDurations.clear();
  parsedDurations.set(value, parsed);
  return parsed;
}

function parseDurationText(text: string): number | 'never' | undefined {
  if (text === 'never') return 'never';
  if (/^0+(\.0+)?$/.test(text)) return 0;
  if (text === '') return undefined;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const match = DURATION_PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * DURATION_UNITS_MS[match[2]];
    at = DURATION_PART.lastIndex;
  }
  return total;
}

/** A finite duration in ms (> 0 or 0), or undefined for never/missing/unreadable. */
export function finiteDuration(value: unknown): number | undefined {
  const parsed = parseDuration(value);
  return typeof parsed === 'number' ? parsed : undefined;
}

/** The shortest readable form: 90000 → "1m30s", 500 → "500ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (rest >= size) {
      const count = Math.floor(rest / size);
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  if (rest > 0) parts.push(`${Math.round(rest)}ms`);
  return parts.join('');
}

const SIZE_UNITS: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
};

/** Bytes for "6Gi", "512Mi", "64MB", "100B"; undefined otherwise. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|Ki|Mi|Gi|Ti)\s*$/.exec(value);
  return match ? Number(match[1]) * SIZE_UNITS[match[2]] : undefined;
}

/** Human size in binary units: 1610612736 → "1.5Gi". */
export function formatSize(bytes: number, round?: (n: number) => number): string {
  for (const [unit, size] of [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    // `round` (Math.floor, Math.ceil) picks the side of two decimals; float noise is cut first.
    if (bytes >= size) return `${trimNumber(round ? round(Math.round((bytes / size) * 1e6) / 1e4) / 100 : bytes / size)}${unit}`;
  }
  return `${(round ?? Math.round)(bytes)}B`;
}

/** "10%" → 0.1; undefined when not a percentage. */
export function parsePercentage(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  return match ? Number(match[1]) / 100 : undefined;
}

export function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** 12000 → "12,000" (messages name concrete values; grouping makes them readable). */
export function formatCount(n: number): string {
  // Not toLocaleString: Intl is slow on a hot path and its output depends on the runtime's ICU data.
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
