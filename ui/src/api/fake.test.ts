import { describe, expect, it } from 'vitest';
import { FakeApi } from './fake';
import { samples } from './fixtures';
import { ByteIndex, joinPages, parseSnippet } from './text';
import { allOf, meetingFilter, searchQuery } from './types';
import type { ImportProgress, ImportSummary } from './model';

function seeded() {
  return new FakeApi({ seeded: true, dropTarget: null });
}

async function importAndWait(api: FakeApi, start: () => Promise<void>) {
  const progress: ImportProgress[] = [];
  const done = new Promise<ImportSummary>((resolve) => {
    void api.onImportDone(resolve);
  });
  await api.onImportProgress((p) => progress.push(p));
  await start();
  return { progress, summary: await done };
}

describe('the demo library fixtures', () => {
  it('hold at least three councils with six or more meetings over two or more years', async () => {
    const stats = await seeded().libraryStats();
    const big = stats.councils.filter((c) => c.meetings >= 6);
    expect(big.length, 'at least 3 councils with 6+ meetings').toBeGreaterThanOrEqual(3);
    expect(stats.years.length, 'meetings span 2+ years').toBeGreaterThanOrEqual(2);
    expect(stats.undated, 'one undated meeting is listed apart').toBeGreaterThanOrEqual(1);
    expect(stats.needsReview, 'some meetings need review').toBeGreaterThanOrEqual(1);
  });

  it('point every span at the text it describes (byte offsets into the joined pages)', async () => {
    const api = seeded();
    for (const summary of await api.listMeetings(meetingFilter())) {
      const detail = await api.getMeeting(summary.id);
      const joined = joinPages(detail.pages).text;
      const index = new ByteIndex(joined);
      const slice = (span: { start: number; end: number }) => {
        const r = index.range(span);
        return joined.slice(r.start, r.end);
      };
      for (const figure of detail.record.figures) {
        expect(slice(figure.span), `figure span in ${summary.fileName}`).toBe(figure.text);
      }
      for (const resolution of detail.record.resolutions) {
        expect(slice(resolution.span), `resolution span in ${summary.fileName}`).toBe(resolution.text);
      }
      for (const paragraph of detail.record.paragraphs) {
        expect(slice(paragraph.span)).toBe(paragraph.text);
      }
      for (const field of [detail.record.council, detail.record.committee]) {
        if (field.span) expect(slice(field.span)).toBe(field.evidence);
      }
      expect(detail.paragraphIds).toHaveLength(detail.record.paragraphs.length);
    }
  });

  it('lay out multi-byte text so byte and string offsets differ', async () => {
    const api = seeded();
    const [kilbrack] = await api.listMeetings(meetingFilter({ council: 'Kilbrack County Council', year: 2023 }));
    const detail = await api.getMeeting(kilbrack!.id);
    const last = detail.record.paragraphs[detail.record.paragraphs.length - 1]!;
    expect(last.span.end).toBeGreaterThan(joinPages(detail.pages).text.indexOf(last.text) + last.text.length);
  });
});

describe('listing and correcting meetings', () => {
  it('filters by council and year and sorts newest first with undated last', async () => {
    const api = seeded();
    const rows = await api.listMeetings(meetingFilter({ council: 'Harrowfield Borough Council', year: 2023 }));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.council === 'Harrowfield Borough Council' && r.date?.startsWith('2023'))).toBe(true);
    const all = await api.listMeetings(meetingFilter());
    const dates = all.map((r) => r.date);
    expect(dates[dates.length - 1], 'undated meetings sort last').toBeNull();
    const dated = dates.filter((d): d is string => d !== null);
    expect([...dated].sort().reverse()).toEqual(dated);
  });

  it('pages with limit and offset', async () => {
    const api = seeded();
    const all = await api.listMeetings(meetingFilter());
    const page = await api.listMeetings(meetingFilter({ limit: 5, offset: 5 }));
    expect(page.map((r) => r.id)).toEqual(all.slice(5, 10).map((r) => r.id));
  });

  it('rejects an invalid date and records a valid correction', async () => {
    const api = seeded();
    const [review] = await api.listMeetings(meetingFilter({ needsReview: true }));
    expect(review).toBeDefined();
    await expect(api.correctMeeting(review!.id, { field: 'meetingDate', value: '2021-02-30' })).rejects.toMatchObject({ code: 'invalid' });
    const field = review!.needsReview[0]!;
    const value = field === 'meetingDate' ? '2021-06-24' : 'Corrected Name';
    const corrected = await api.correctMeeting(review!.id, { field, value });
    expect(corrected.corrected).toContain(field);
    expect(corrected.needsReview).not.toContain(field);
    const reverted = await api.correctMeeting(review!.id, { field, value: null });
    expect(reverted.corrected).not.toContain(field);
  });

  it('deletes a meeting and then reports it not found', async () => {
    const api = seeded();
    const [first] = await api.listMeetings(meetingFilter());
    await api.deleteMeeting(first!.id);
    await expect(api.getMeeting(first!.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('search', () => {
  it('returns snippets whose marked words are the words searched for', async () => {
    const results = await seeded().search(searchQuery({ text: 'foster*' }));
    expect(results.total).toBeGreaterThan(5);
    for (const hit of results.hits) {
      const marked = parseSnippet(hit.snippet).filter((r) => r.match).map((r) => r.text.toLowerCase());
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((w) => w.startsWith('foster'))).toBe(true);
    }
  });

  it('applies council and year filters', async () => {
    const results = await seeded().search(searchQuery({ text: 'budget', council: 'Town of Millbrook', yearFrom: 2024, yearTo: 2024 }));
    expect(results.total).toBeGreaterThan(0);
    expect(results.hits.every((h) => h.council === 'Town of Millbrook' && h.date?.startsWith('2024'))).toBe(true);
  });

  it('rejects an unclosed quote with invalid_query', async () => {
    await expect(seeded().search(searchQuery({ text: '"foster carers' }))).rejects.toMatchObject({ code: 'invalid_query' });
  });
});

describe('analysis', () => {
  it('backs every heatmap cell with passages that contain the theme', async () => {
    const api = seeded();
    const heatmap = await api.heatmap(allOf());
    const cell = heatmap.cells.find((c) => c.themeId === 'fostering' && c.council === 'Harrowfield Borough Council')!;
    expect(cell.hits).toBeGreaterThan(3);
    expect(cell.share).toBeGreaterThan(0);
    expect(cell.meetings).toBeLessThanOrEqual(cell.meetingsTotal);
    const passages = await api.themePassages('fostering', 'Harrowfield Borough Council', null, 100);
    expect(passages).toHaveLength(cell.hits);
    expect(passages.every((p) => p.keyword.toLowerCase().startsWith('foster'))).toBe(true);
    expect(passages.every((p) => p.evidence.council === 'Harrowfield Borough Council')).toBe(true);
  });

  it('counts trends per period over dated meetings only', async () => {
    const points = await seeded().trends(allOf({ themes: ['homelessness'] }), 'year');
    const kilbrack = points.filter((p) => p.council === 'Kilbrack County Council');
    expect(kilbrack.map((p) => p.period)).toEqual(['2022', '2023', '2024']);
    expect(kilbrack.every((p) => p.meetings <= p.meetingsTotal)).toBe(true);
  });

  it('keeps undated meetings off the timeline lanes', async () => {
    const timeline = await seeded().timeline(allOf());
    expect(timeline.undated.length).toBeGreaterThan(0);
    expect(timeline.undated.every((m) => m.date === null || m.council === null)).toBe(true);
    expect(timeline.lanes.flatMap((l) => l.meetings).every((m) => m.date !== null)).toBe(true);
  });

  it('compares councils with profiles, shared themes and cited figures', async () => {
    const comparison = await seeded().compareCouncils(['Harrowfield Borough Council', 'Northwold County Council']);
    expect(comparison.councils.map((c) => c.council)).toEqual(['Harrowfield Borough Council', 'Northwold County Council']);
    expect(comparison.shared.map((s) => s.themeId)).toContain('fostering');
    const caseloads = comparison.metrics.find((m) => m.metric === 'caseload_per_social_worker');
    expect(caseloads?.values.every((v) => v.length > 0)).toBe(true);
    const latest = caseloads!.values[0]![0]!;
    expect(latest.evidence.text).toContain(latest.text);
    await expect(seeded().compareCouncils(['Harrowfield Borough Council'])).rejects.toMatchObject({ code: 'invalid' });
  });

  it('classifies placement costs by the nearest words before them', async () => {
    const figures = await seeded().metricFigures(allOf({ councils: ['Harrowfield Borough Council'] }));
    const inHouse = figures.find((f) => f.metric === 'placement_cost_in_house' && f.value === 560);
    const agency = figures.find((f) => f.metric === 'placement_cost_agency' && f.value === 1050);
    expect(inHouse, 'the £560 in-house cost').toBeDefined();
    expect(agency?.text).toBe('approx. £1,050');
    const overspend = figures.find((f) => f.value === 3_400_000);
    expect(overspend?.metric, 'an overspend on placements is a budget figure, not a placement cost').toBe('budget');
    const residential = figures.find((f) => f.value === 6200);
    expect(residential?.metric).toBe('placement_cost');
  });

  it('previews a draft pattern and rejects a malformed one', async () => {
    const api = seeded();
    const preview = await api.previewPattern('emergency accommodation');
    expect(preview.paragraphs).toBeGreaterThan(2);
    expect(preview.examples[0]?.keyword.toLowerCase()).toBe('emergency accommodation');
    await expect(api.previewPattern('fo*ster')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('re-themes the library with progress after a codebook save', async () => {
    const api = seeded();
    const codebook = await api.getCodebook();
    codebook.themes.push({ id: 'kinship', label: 'Kinship care', description: '', group: 'Children’s services', include: ['kinship'], exclude: [] });
    const progress: number[] = [];
    await api.onThemesProgress((p) => progress.push(p.done));
    const done = new Promise<void>((resolve) => void api.onThemesDone(resolve));
    await api.saveCodebook(codebook);
    await done;
    expect(progress[progress.length - 1]).toBe(samples.length);
    expect((await api.getCodebook()).themes.some((t) => t.id === 'kinship')).toBe(true);
  });

  it('offers recurring phrases the codebook lacks as emergent themes', async () => {
    const themes = await seeded().emergentThemes(allOf());
    expect(themes.length).toBeGreaterThan(0);
    expect(themes.every((t) => t.meetings >= 2 && t.evidence.length > 0)).toBe(true);
  });
});

describe('import', () => {
  it('loads the samples with one progress event per file', async () => {
    const api = new FakeApi({ dropTarget: null });
    const { progress, summary } = await importAndWait(api, () => api.loadSamples());
    expect(progress).toHaveLength(samples.length);
    expect(progress[progress.length - 1]).toMatchObject({ done: samples.length, total: samples.length });
    expect(summary.imported).toBe(samples.length);
    expect((await api.libraryStats()).documents).toBe(samples.length);
  });

  it('reports new, duplicate and failed files from the picker with their codes', async () => {
    const api = seeded();
    const paths = (await api.pickImport('files'))!;
    const { summary } = await importAndWait(api, () => api.importPaths(paths));
    expect(summary.imported).toBe(2);
    expect(summary.duplicates).toBe(1);
    expect(summary.outcomes.filter((o) => o.status === 'failed').map((o) => o.code).sort()).toEqual(['pdf_encrypted', 'pdf_no_text', 'unsupported_type']);
    const again = await importAndWait(api, () => api.importPaths(paths));
    expect(again.summary.imported, 'importing the same files twice changes nothing').toBe(0);
  });

  it('stops when cancelled and says how far it got', async () => {
    const api = new FakeApi({ dropTarget: null, importDelay: 5 });
    const done = new Promise<ImportSummary>((resolve) => void api.onImportDone(resolve));
    await api.onImportProgress((p) => {
      if (p.done === 2) void api.cancelImport();
    });
    await api.loadSamples();
    const summary = await done;
    expect(summary.outcomes.length).toBe(2);
  });

  it('stores dropped text as plain text, markup and all', async () => {
    const api = new FakeApi({ dropTarget: null });
    const hostile = 'Northwold County Council\nLicensing Committee\n12 March 2024\n\n<script>alert(1)</script> and <img src=x onerror=alert(1)>';
    const path = api.stageFile('hostile.txt', hostile);
    const { summary } = await importAndWait(api, () => api.importPaths([path]));
    const id = summary.outcomes[0]!.documentId!;
    const detail = await api.getMeeting(id);
    expect(detail.pages[0]!.text).toBe(hostile);
    expect(detail.meeting.date).toBe('2024-03-12');
    expect(detail.meeting.council).toBe('Northwold County Council');
  });
});
