import { describe, expect, it } from 'vitest';
import { ApiError, KNOWN_ERROR_CODES, friendlyError, friendlyReason, toApiError } from './errors';

const BACKEND_CODES = [
  'unsupported_type', 'empty_file', 'too_large', 'too_many_pages', 'pdf_encrypted', 'pdf_no_text', 'pdf_malformed',
  'pdf_crashed', 'pdf_timeout', 'not_text', 'unreadable', 'vanished', 'io', 'database', 'migration', 'schema_too_new',
  'not_found', 'invalid', 'invalid_query',
  // The desktop app's own codes (src-tauri/src/error.rs, desktop.rs).
  'no_file_manager', 'internal', 'library_unusable',
];

describe('error mapping', () => {
  it('has friendly words for every code the backend sends', () => {
    for (const code of BACKEND_CODES) {
      expect(KNOWN_ERROR_CODES, `code ${code} must have friendly text`).toContain(code);
      const friendly = friendlyError({ code, message: 'detail from the backend' });
      expect(friendly.title).not.toBe('detail from the backend');
      expect(friendly.detail).toBe('detail from the backend');
    }
  });

  it('turns Tauri rejections of every shape into ApiError', () => {
    expect(toApiError({ code: 'pdf_encrypted', message: 'x.pdf' })).toMatchObject({ code: 'pdf_encrypted', message: 'x.pdf' });
    expect(toApiError('plain string')).toMatchObject({ code: 'unknown', message: 'plain string' });
    expect(toApiError(new Error('boom'))).toMatchObject({ code: 'unknown', message: 'boom' });
    expect(toApiError(undefined)).toBeInstanceOf(ApiError);
  });

  it('shows the backend message for codes it does not know', () => {
    expect(friendlyError({ code: 'brand_new', message: 'A new failure' }).title).toBe('A new failure');
  });

  it('gives the scanned-PDF hint for pdf_no_text', () => {
    expect(friendlyError(new ApiError('pdf_no_text', 'scan.pdf')).hint).toMatch(/OCR/);
    expect(friendlyReason('pdf_encrypted', 'x')).toMatch(/password/);
    expect(friendlyReason(null, 'raw words')).toBe('raw words');
  });
});
