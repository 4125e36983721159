// Errors from the backend arrive as `{code, message}`. The code is stable and the UI branches on
// it; the message is the backend's own words (a path, a line number) and is shown as detail. This
// file is the one place that turns codes into words for people.

/** An error the backend reported, or one the api layer raised in its name. */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** What a user reads about an error: a short title and, when it helps, what to do next. */
export type FriendlyError = { code: string; title: string; hint: string | null; detail: string };

const FRIENDLY: Record<string, { title: string; hint: string | null }> = {
  unsupported_type: {
    title: 'This kind of file cannot be read',
    hint: 'Scrutineer reads text, Markdown, web pages (HTML) and PDF files.',
  },
  empty_file: { title: 'The file is empty', hint: null },
  too_large: {
    title: 'The file is too large to read',
    hint: 'Split it into smaller documents, or import the minutes alone without appendices.',
  },
  too_many_pages: {
    title: 'The PDF has too many pages',
    hint: 'Import the minutes without their appended reports.',
  },
  pdf_encrypted: {
    title: 'The PDF is password-protected',
    hint: 'Save an unprotected copy of it and import that.',
  },
  pdf_no_text: {
    title: 'The PDF has no text to read',
    hint: 'It is probably a scan. Run it through OCR first, then import the result.',
  },
  pdf_malformed: {
    title: 'The PDF is damaged',
    hint: 'Download it again, or save it afresh from a PDF viewer.',
  },
  pdf_crashed: {
    title: 'The PDF reader stopped on this file',
    hint: 'The rest of the import was not affected. Try saving the PDF afresh from a viewer.',
  },
  pdf_timeout: {
    title: 'The PDF took too long to read',
    hint: 'It may be very large or unusually built. Try a text copy of the minutes.',
  },
  not_text: {
    title: 'The file does not contain readable text',
    hint: 'It may be a binary file with a text extension.',
  },
  unreadable: {
    title: 'The file may not be read',
    hint: 'Check its permissions, or close the program that holds it open, then import it again.',
  },
  vanished: { title: 'The file was moved or deleted during the import', hint: 'Import it again from where it is now.' },
  io: { title: 'The file could not be read or written', hint: 'Check that it exists and that you may open it.' },
  database: {
    title: 'The library could not be read or written',
    hint: 'Try again. If it keeps happening, back up the library and report the problem.',
  },
  migration: {
    title: 'The library could not be upgraded',
    hint: 'Nothing was changed. Report the problem with the details below.',
  },
  schema_too_new: {
    title: 'The library was made by a newer Scrutineer',
    hint: 'Install the newer version to open it.',
  },
  not_found: { title: 'It is no longer in the library', hint: 'It may have been deleted.' },
  invalid: { title: 'That value is not valid', hint: null },
  invalid_query: { title: 'The search could not be understood', hint: null },
  library_unusable: {
    title: 'This file cannot be used as the library',
    hint: 'It is not a Scrutineer library, or it is on a drive that cannot hold one. Move it aside, or set SCRUTINEER_DB to another file, and start Scrutineer again.',
  },
  no_file_manager: { title: 'The folder could not be shown', hint: 'Open it yourself: its path is shown above.' },
  internal: {
    title: 'Scrutineer stopped part way through that',
    hint: 'Nothing stored was harmed. Try again, and report the problem if it happens again.',
  },
};

/** Turns anything thrown by a backend call into an `ApiError`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error && typeof error === 'object') {
    const record = error as { code?: unknown; message?: unknown };
    if (typeof record.code === 'string') {
      return new ApiError(record.code, typeof record.message === 'string' ? record.message : '');
    }
    if (error instanceof Error) return new ApiError('unknown', error.message);
  }
  if (typeof error === 'string') return new ApiError('unknown', error);
  return new ApiError('unknown', 'Something went wrong.');
}

/** The words a user sees for an error. Unknown codes fall back to the backend's message. */
export function friendlyError(error: unknown): FriendlyError {
  const apiError = toApiError(error);
  const known = FRIENDLY[apiError.code];
  if (known) return { code: apiError.code, title: known.title, hint: known.hint, detail: apiError.message };
  return {
    code: apiError.code,
    title: apiError.message || 'Something went wrong',
    hint: null,
    detail: apiError.message,
  };
}

/** One line for a list entry (an import outcome): the friendly title. */
export function friendlyReason(code: string | null, message: string): string {
  if (code && FRIENDLY[code]) return FRIENDLY[code].title;
  return message || 'It could not be read.';
}

/** The codes this file knows; exported so a test can check none is missing. */
export const KNOWN_ERROR_CODES = Object.keys(FRIENDLY);
