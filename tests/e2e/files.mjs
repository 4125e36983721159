import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Files the end-to-end test writes and imports: minutes carrying markup that must stay text, a
// small real PDF, and a broken one. All invented for this test (the council is fictional).

const LONG_LINE = `Schedule of tabled figures: ${'row-without-any-break-'.repeat(230)}`.slice(0, 5000);

/** Plain-text minutes whose words include script tags, an event handler, a javascript: link and a 5,000-character line. */
export function hostileText() {
  return [
    'Ashcombe Town Council',
    'Licensing Panel',
    'Minutes of the meeting held on Tuesday 9 April 2024 at 6.30 pm',
    '',
    'Present: Councillor R Denholm (Chair), Councillors T Okoye and P Varga',
    '',
    '1. Public questions',
    '',
    'A resident asked why the form accepted <script>alert(1)</script> as a name, and another sent <img src=x onerror=alert(1)> in an email to the clerk.',
    '',
    '2. Website links',
    '',
    'The clerk reported a link on the old site written as <a href="javascript:alert(1)">renew a licence</a>, which has been removed.',
    '',
    '3. Fees',
    '',
    'RESOLVED that the street trading fee remain at £310 for 2024/25.',
    '',
    LONG_LINE,
    '',
  ].join('\n');
}

/** A web page with live script, an event handler and a javascript: link: none may survive as markup. */
export function hostileHtml() {
  return `<!doctype html>
<html><head><title>Ashcombe Town Council - Licensing Panel</title>
<script>alert('head script')</script></head>
<body onload="alert('body onload')">
<h1>Licensing Panel</h1>
<p>Ashcombe Town Council. Minutes of the meeting held on 14 May 2024.</p>
<p>The chair welcomed members. <img src=x onerror="alert('img')"> The panel noted the <a href="javascript:alert('link')">renewal page</a>.</p>
<p>Members asked the clerk to publish &lt;script&gt; tags only as text.</p>
<script>document.write('<iframe src="https://example.invalid"></iframe>')</script>
</body></html>
`;
}

/** A one-page PDF with real text, laid out with the standard Helvetica font and a correct xref table. */
export function textPdf() {
  const lines = [
    'Ashcombe Town Council',
    'Finance Committee',
    'Minutes of the meeting held on Monday 3 June 2024 at 7.00 pm',
    'Present: Councillor M Haddad (Chair), Councillors L Brandt and S Ng',
    '1. Apologies',
    'Apologies were received from Councillor J Pike.',
    '2. Grants',
    'RESOLVED that a grant of 1,500 pounds be made to the youth club.',
  ];
  const escape = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 770 Td 16 TL ${lines.map((l) => `(${escape(l)}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A file that says it is a PDF and is not one past its first line. */
export function brokenPdf() {
  return Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\nthis is where the rest of the file should be\n', 'latin1');
}

/** `count` short, distinct minutes of four invented councils, three days apart, into `folder`. */
export function writeBulk(folder, count) {
  mkdirSync(folder, { recursive: true });
  const councils = ['Ashcombe Town Council', 'Brindle Parish Council', 'Corvey District Council', 'Dunmere Borough Council'];
  const day = 24 * 60 * 60 * 1000;
  for (let i = 0; i < count; i += 1) {
    const date = new Date(Date.UTC(2019, 0, 1) + i * 3 * day).toISOString().slice(0, 10);
    const text = [
      councils[i % councils.length],
      'Planning Committee',
      `Minutes of the meeting held on ${date}`,
      '',
      'Present: Councillor A Marsh (Chair), Councillors B Lowe and C Petrie',
      '',
      '1. Apologies',
      '',
      'Apologies were received from Councillor D Quinn.',
      '',
      `2. Application ${i}/PL`,
      '',
      `The committee considered application ${i}/PL for ${(i % 7) + 2} homes, with a contribution of £${((i * 1370) % 90000) + 10000} to play space.`,
      '',
      'RESOLVED that the application be approved subject to conditions.',
      '',
    ].join('\n');
    writeFileSync(join(folder, `planning-${String(i).padStart(4, '0')}.txt`), text);
  }
}

/**
 * An empty SQLite database (one 4 KiB page: the file header and an empty schema table) with the
 * given `PRAGMA user_version`, which is where a library keeps its schema version.
 */
export function emptySqliteDatabase({ userVersion }) {
  const page = Buffer.alloc(4096);
  page.write('SQLite format 3\0', 0, 'latin1');
  page.writeUInt16BE(4096, 16); // page size
  page[18] = 1; // file format write version: legacy (rollback journal)
  page[19] = 1; // read version
  page[20] = 0; // reserved bytes per page
  page[21] = 64; // maximum embedded payload fraction
  page[22] = 32; // minimum embedded payload fraction
  page[23] = 32; // leaf payload fraction
  page.writeUInt32BE(1, 24); // file change counter
  page.writeUInt32BE(1, 28); // database size in pages
  page.writeUInt32BE(1, 40); // schema cookie
  page.writeUInt32BE(4, 44); // schema format
  page.writeUInt32BE(1, 56); // text encoding: UTF-8
  page.writeUInt32BE(userVersion, 60);
  page.writeUInt32BE(1, 92); // version-valid-for: the change counter
  page.writeUInt32BE(3045001, 96); // the SQLite version that wrote it
  page[100] = 0x0d; // page 1 holds the schema table: an empty leaf table b-tree
  page.writeUInt16BE(0, 103); // no cells
  page.writeUInt16BE(4096, 105); // cell content starts at the end of the page
  return page;
}
