import { describe, expect, it } from 'vitest';
import { ByteIndex, joinPages, parseSnippet, queryTerms, segmentText, highlightTerms, utf8Length } from './text';

describe('ByteIndex', () => {
  it('converts byte offsets to string indices across multi-byte characters', () => {
    const text = 'Cost £1,050 — Áras 😀 end';
    const index = new ByteIndex(text);
    const bytes = new TextEncoder().encode(text);
    // Every code point boundary round-trips: the bytes before index i are exactly toByte(i).
    for (let i = 0; i <= text.length; i++) {
      const codePointStart = i === text.length || !(text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff);
      if (!codePointStart) continue;
      const byte = new TextEncoder().encode(text.slice(0, i)).length;
      expect(index.toByte(i), `toByte(${i})`).toBe(byte);
      expect(index.toIndex(byte), `toIndex(${byte})`).toBe(i);
    }
    expect(index.byteLength).toBe(bytes.length);
  });

  it('slices the figure a backend span points at', () => {
    const text = 'Áras an Chontae: approx. £1,050 a week';
    const start = utf8Length('Áras an Chontae: ');
    const end = start + utf8Length('approx. £1,050');
    const { start: s, end: e } = new ByteIndex(text).range({ start, end });
    expect(text.slice(s, e)).toBe('approx. £1,050');
  });

  it('resolves an offset inside a character to the character start and clamps past the end', () => {
    const index = new ByteIndex('a£b');
    expect(index.toIndex(2)).toBe(1); // byte 2 is the second byte of "£"
    expect(index.toIndex(99)).toBe(3);
    expect(index.toIndex(-4)).toBe(0);
  });
});

describe('joinPages', () => {
  it('joins pages with a blank line and records where each starts', () => {
    const joined = joinPages([
      { number: 1, text: 'one' },
      { number: 2, text: 'two' },
    ]);
    expect(joined.text).toBe('one\n\ntwo');
    expect(joined.pages.map((p) => joined.text.slice(p.start, p.end))).toEqual(['one', 'two']);
  });
});

describe('parseSnippet', () => {
  it('splits on U+0002 … U+0003 and never shows the markers', () => {
    expect(parseSnippet('the \u0002foster\u0003 carers and \u0002fostering\u0003.')).toEqual([
      { text: 'the ', match: false },
      { text: 'foster', match: true },
      { text: ' carers and ', match: false },
      { text: 'fostering', match: true },
      { text: '.', match: false },
    ]);
  });

  it('tolerates an unclosed start and a stray end', () => {
    expect(parseSnippet('a\u0003b\u0002c')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: false },
      { text: 'c', match: true },
    ]);
  });

  it('keeps markup as text', () => {
    const runs = parseSnippet('<b>\u0002x\u0003</b>');
    expect(runs.map((r) => r.text).join('')).toBe('<b>x</b>');
  });
});

describe('segmentText', () => {
  it('cuts at every boundary of overlapping marks and lists the marks covering each piece', () => {
    const segments = segmentText('abcdefghij', [
      { start: 2, end: 6, key: 'para' },
      { start: 4, end: 8, key: 'figure' },
    ]);
    expect(segments.map((s) => [s.text, s.keys])).toEqual([
      ['ab', []],
      ['cd', ['para']],
      ['ef', ['para', 'figure']],
      ['gh', ['figure']],
      ['ij', []],
    ]);
  });

  it('clamps marks to the text and drops empty ones', () => {
    const segments = segmentText('abc', [
      { start: -5, end: 1, key: 'a' },
      { start: 2, end: 2, key: 'empty' },
      { start: 2, end: 40, key: 'b' },
    ]);
    expect(segments.map((s) => [s.text, s.keys])).toEqual([
      ['a', ['a']],
      ['b', []],
      ['c', ['b']],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe('abc');
  });
});

describe('highlightTerms', () => {
  it('matches whole words, wildcards and phrases case-insensitively', () => {
    const runs = highlightTerms('Fostering and foster carers; not Fosterton. Social Work matters.', ['foster*', 'social work']);
    expect(runs.filter((r) => r.match).map((r) => r.text)).toEqual(['Fostering', 'foster', 'Fosterton', 'Social Work']);
    expect(highlightTerms('afoster', ['foster']).some((r) => r.match)).toBe(false);
  });
});

describe('queryTerms', () => {
  it('keeps quoted phrases whole and drops operators', () => {
    expect(queryTerms('"foster carers" AND caseload -agency')).toEqual(['foster carers', 'caseload', 'agency']);
  });
});
