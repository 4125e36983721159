// Codebook patterns as regular expressions, for the demo library and for highlighting keywords.
// The rules are model.rs `Theme`'s: case-insensitive, on word boundaries, a trailing `*` matches
// any word ending, and the words of a phrase match with any whitespace between them. Straight and
// curly apostrophes are the same character for matching.

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The body of a regular expression for one pattern, without flags or boundaries. */
export function patternSource(pattern: string): string | null {
  const trimmed = pattern.trim().toLowerCase();
  if (!trimmed || trimmed.replace(/\*/g, '').trim() === '') return null;
  const wildcard = trimmed.endsWith('*');
  const body = (wildcard ? trimmed.slice(0, -1) : trimmed).trim();
  const words = body.split(/\s+/).map((word) => escapeRegExp(word).replace(/['’]/g, "['’]"));
  return words.join('\\s+') + (wildcard ? "[\\p{L}\\p{N}'’-]*" : '');
}

/** A global, case-insensitive regular expression matching any of the patterns on word boundaries. */
export function patternsRegExp(patterns: ReadonlyArray<string>): RegExp | null {
  const sources = patterns.map(patternSource).filter((s): s is string => s !== null);
  if (sources.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Every match of the patterns in `text`, as string index ranges. */
export function findMatches(text: string, patterns: ReadonlyArray<string>): Array<{ start: number; end: number }> {
  const regexp = patternsRegExp(patterns);
  if (!regexp) return [];
  const found: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(regexp)) {
    if (match[0].length === 0) continue;
    const start = match.index ?? 0;
    found.push({ start, end: start + match[0].length });
  }
  return found;
}

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  const trimmed = pattern.trim();
  if (!trimmed) return 'Type a word or phrase.';
  if (trimmed.replace(/\*/g, '').trim().length < 2) return 'A pattern needs at least two letters.';
  if (trimmed.slice(0, -1).includes('*')) return 'Only a trailing * is allowed (foster* matches fostering).';
  return null;
}
