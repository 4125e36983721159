import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router';

describe('hash routing', () => {
  it('reads a meeting route with its paragraph', () => {
    const route = parseHash('#/meeting/12?para=345');
    expect(route.name).toBe('meeting');
    expect(route.id).toBe('12');
    expect(route.query.get('para')).toBe('345');
  });

  it('treats anything unknown as home', () => {
    expect(parseHash('').name).toBe('home');
    expect(parseHash('#/nowhere/else').name).toBe('home');
  });

  it('builds hashes that read back the same, dropping empty values and repeating lists', () => {
    const hash = href('compare', null, { c: ['Town of Millbrook', 'Kilbrack County Council'], empty: '', off: false, on: true });
    expect(hash).toBe('#/compare?c=Town+of+Millbrook&c=Kilbrack+County+Council&on=1');
    expect(parseHash(hash).query.getAll('c')).toEqual(['Town of Millbrook', 'Kilbrack County Council']);
    expect(href('meeting', 3, { para: 9 })).toBe('#/meeting/3?para=9');
    expect(href('home')).toBe('#/');
  });
});
