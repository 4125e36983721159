// Document text as the backend describes it, turned into something React can render safely.
//
// The backend counts in UTF-8 bytes (Rust string offsets); JavaScript strings count UTF-16 code
// units. A "£" is two bytes and one code unit, an emoji four bytes and two code units, so every span
// must be converted before it can slice a JS string. Snippets mark matches with U+0002 … U+0003
// instead of HTML, and highlights are built as segments, never as markup.

import { findMatches } from './patterns';

/** What joins page texts into a document's full text (model.rs `PAGE_JOINER`). */
export const PAGE_JOINER = '\n\n';
/** Marks the start of a highlighted match in a snippet. */
export const HIGHLIGHT_START = '\u0002';
/** Marks the end of a highlighted match in a snippet. */
export const HIGHLIGHT_END = '\u0003';

const encoder = new TextEncoder();

/** The length of `text` in UTF-8 bytes. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Converts between UTF-8 byte offsets and string indices for one text. Built once per text in
 * O(n); each conversion is a binary search. A byte offset inside a multi-byte character resolves
 * to the start of that character, and offsets past the end clamp to the text's length.
 */
export class ByteIndex {
  /** String index of each code point boundary, ascending, ending with text.length. */
  private readonly indices: number[] = [];
  /** UTF-8 byte offset of the same boundaries. */
  private readonly bytes: number[] = [];
  readonly byteLength: number;

  constructor(readonly text: string) {
    let byte = 0;
    let i = 0;
    const scratch = new Uint8Array(4);
    while (i < text.length) {
      this.indices.push(i);
      this.bytes.push(byte);
      const codePoint = text.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(codePoint);
      byte += encoder.encodeInto(char, scratch).written;
      i += char.length;
    }
    this.indices.push(text.length);
    this.bytes.push(byte);
    this.byteLength = byte;
  }

  /** The string index of a byte offset. */
  toIndex(byteOffset: number): number {
    if (byteOffset <= 0) return 0;
    if (byteOffset >= this.byteLength) return this.text.length;
    let lo = 0;
    let hi = this.bytes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.bytes[mid] ?? 0) <= byteOffset) lo = mid;
      else hi = mid - 1;
    }
    return this.indices[lo] ?? 0;
  }

  /** The byte offset of a string index. */
  toByte(index: number): number {
    if (index <= 0) return 0;
    if (index >= this.text.length) return this.byteLength;
    let lo = 0;
    let hi = this.indices.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.indices[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.bytes[lo] ?? 0;
  }

  /** A byte span as string indices. */
  range(span: { start: number; end: number }): { start: number; end: number } {
    const start = this.toIndex(span.start);
    return { start, end: Math.max(start, this.toIndex(span.end)) };
  }
}

/** A document's pages joined as the backend joins them, with where each page starts. */
export type JoinedPages = {
  text: string;
  pages: Array<{ number: number; start: number; end: number }>;
};

export function joinPages(pages: ReadonlyArray<{ number: number; text: string }>): JoinedPages {
  let offset = 0;
  const placed = pages.map((page, i) => {
    const start = offset;
    const end = start + page.text.length;
    offset = end + (i < pages.length - 1 ? PAGE_JOINER.length : 0);
    return { number: page.number, start, end };
  });
  return { text: pages.map((p) => p.text).join(PAGE_JOINER), pages: placed };
}

/** A run of text, highlighted or not. */
export type Run = { text: string; match: boolean };

/**
 * Splits a search snippet on its U+0002 … U+0003 markers. Markers never reach the screen, an
 * unclosed start highlights to the end, and a stray end marker is dropped.
 */
export function parseSnippet(snippet: string): Run[] {
  const runs: Run[] = [];
  let match = false;
  let current = '';
  const flush = () => {
    if (current) runs.push({ text: current, match });
    current = '';
  };
  for (const char of snippet) {
    if (char === HIGHLIGHT_START) {
      flush();
      match = true;
    } else if (char === HIGHLIGHT_END) {
      flush();
      match = false;
    } else {
      current += char;
    }
  }
  flush();
  return runs;
}

/** A range of a text to mark, by string index, with a key saying what it is. */
export type Mark = { start: number; end: number; key: string };

/** A piece of text between two mark boundaries, with the keys of every mark covering it. */
export type Segment = { start: number; end: number; text: string; keys: string[] };

/**
 * Cuts `text` at every mark boundary. Marks may overlap or nest; each segment lists all marks that
 * cover it, in the order given. Marks outside the text are clamped; empty marks are ignored.
 */
export function segmentText(text: string, marks: ReadonlyArray<Mark>): Segment[] {
  const clamped = marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(m.start, text.length)), end: Math.max(0, Math.min(m.end, text.length)) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([0, text.length]);
  for (const m of clamped) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    if (end <= start) continue;
    const keys = clamped.filter((m) => m.start <= start && m.end >= end).map((m) => m.key);
    segments.push({ start, end, text: text.slice(start, end), keys });
  }
  return segments;
}

/**
 * Marks every case-insensitive occurrence of the given terms. A term ending in `*` matches any
 * word ending, as codebook patterns do; quotes around a phrase are ignored.
 */
export function highlightTerms(text: string, terms: ReadonlyArray<string>): Run[] {
  const matches = findMatches(
    text,
    terms.map((t) => t.trim().replace(/^"|"$/g, '')),
  );
  const runs: Run[] = [];
  let last = 0;
  for (const { start, end } of matches) {
    if (start > last) runs.push({ text: text.slice(last, start), match: false });
    runs.push({ text: text.slice(start, end), match: true });
    last = end;
  }
  if (last < text.length) runs.push({ text: text.slice(last), match: false });
  return runs;
}

/** The words of a search query, for highlighting: quoted phrases kept whole, operators dropped. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const pattern = /"([^"]+)"|(\S+)/g;
  for (const found of query.matchAll(pattern)) {
    const term = (found[1] ?? found[2] ?? '').trim();
    if (!term || /^(AND|OR|NOT)$/.test(term)) continue;
    terms.push(term.replace(/^[-+]/, ''));
  }
  return terms;
}
