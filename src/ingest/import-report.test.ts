import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { formatByName } from '../sources/index.js';
import { EXAMPLES_PER_REASON, FileReportBuilder, failedReport, totalsOf } from './import-report.js';

const jsonl = formatByName('listenbrainz-jsonl')!;
const at = (line: number) => ({ file: 'a.jsonl', line });

function builder() {
  return new FileReportBuilder('a.jsonl', jsonl, { entries: 1 });
}

describe('the report of one file', () => {
  it('counts every reason but keeps only the first examples of each', () => {
    const b = builder();
    for (let line = 1; line <= 5; line++) {
      b.countRead();
      b.reject('malformed', at(line), `line ${line} is not JSON`);
    }
    b.countRead();
    b.reject('bad_timestamp', at(6), 'before 2002-10-01');
    b.countRead();
    b.skip('malformed', at(7), 'a skip of the same reason has its own examples');
    b.countRead();
    b.cleaned(at(8), { reason: 'control_characters', message: 'a NUL in the title was removed' });
    const r = b.report;
    expect(r.read).toBe(8);
    expect(r.rejected).toEqual({ malformed: 5, bad_timestamp: 1 });
    expect(r.skipped).toEqual({ malformed: 1 });
    expect(r.cleaned).toEqual({ control_characters: 1 });
    expect(r.examples.filter((e) => e.status === 'rejected' && e.reason === 'malformed')).toHaveLength(
      EXAMPLES_PER_REASON,
    );
    expect(r.examples.map((e) => [e.status, e.reason, e.where])).toEqual([
      ['rejected', 'malformed', 'a.jsonl:1'],
      ['rejected', 'malformed', 'a.jsonl:2'],
      ['rejected', 'malformed', 'a.jsonl:3'],
      ['rejected', 'bad_timestamp', 'a.jsonl:6'],
      ['skipped', 'malformed', 'a.jsonl:7'],
      ['cleaned', 'control_characters', 'a.jsonl:8'],
    ]);
    // The run's counts say the same, without the reasons.
    expect(b.counts).toEqual({ read: 8, inserted: 0, duplicates: 0, merged: 0, skipped: 1, rejected: 6 });
  });

  it('takes what the committed batches stored as totals', () => {
    const b = builder();
    b.committed({ inserted: 3, duplicates: 1, merged: 0 });
    b.committed({ inserted: 5, duplicates: 2, merged: 1 });
    expect([b.report.inserted, b.report.duplicates, b.report.merged]).toEqual([5, 2, 1]);
    expect(b.counts).toMatchObject({ inserted: 5, duplicates: 2, merged: 1 });
  });

  it('is partial when the file was cut short, even though it read on to the end', () => {
    const b = builder();
    b.countRead();
    b.reject('truncated', at(2), 'the file ends inside a record');
    expect(b.finish(0.5)).toMatchObject({ status: 'partial', seconds: 0.5 });
  });

  it('is imported when nothing was cut, partial or unreadable when reading broke off', () => {
    expect(builder().finish(0).status).toBe('imported');
    const read = builder();
    read.countRead();
    read.brokeOff(new AppError('UNREADABLE_INPUT', 'a.jsonl: the zip is damaged'));
    expect(read.finish(0)).toMatchObject({
      status: 'partial',
      error: { code: 'UNREADABLE_INPUT', message: 'a.jsonl: the zip is damaged' },
    });
    const none = builder();
    none.brokeOff(new Error('disk gone'));
    expect(none.finish(0)).toMatchObject({
      status: 'unreadable',
      error: { code: 'INTERNAL', message: 'disk gone' },
    });
  });

  it('says which entries were decoded as Windows-1252, five at most', () => {
    const b = builder();
    b.encodingDetected([]);
    expect([b.report.encoding, b.report.encodingDetected, b.report.encodingNote]).toEqual([
      'utf8',
      false,
      undefined,
    ]);
    b.encodingDetected(
      Array.from({ length: 7 }, (_, i) => ({
        file: `m${i}.csv`,
        encoding: 'windows-1252' as const,
        line: i + 1,
      })),
    );
    expect(b.report.encoding).toBe('windows-1252');
    expect(b.report.encodingDetected).toBe(true);
    expect(b.report.encodingNote).toMatch(
      /^decoded as Windows-1252 \(not UTF-8\): m0.csv:1, .*m4.csv:5, and 2 more are/,
    );
    expect(new FileReportBuilder('a.csv', jsonl, { entries: 1, encoding: 'latin1' }).report.encoding).toBe(
      'windows-1252',
    );
  });

  it('counts collection items for a collection format', () => {
    const b = new FileReportBuilder('c.csv', formatByName('discogs-collection-csv')!, { entries: 1 });
    expect(b.report.collectionItems).toEqual({ inserted: 0, duplicates: 0 });
    b.collectionCommitted(4, 1);
    b.collectionCommitted(2, 0);
    expect(b.report.collectionItems).toEqual({ inserted: 6, duplicates: 1 });
    expect(builder().report.collectionItems).toBeUndefined();
  });
});

describe('the totals of an import', () => {
  it('add up every file, reasons summed', () => {
    const a = builder();
    a.countRead();
    a.countRead();
    a.reject('malformed', at(1), 'x');
    a.committed({ inserted: 1, duplicates: 0, merged: 0 });
    const b = builder();
    b.countRead();
    b.skip('podcast', at(1), 'y');
    b.countRead();
    b.committed({ inserted: 0, duplicates: 1, merged: 1 });
    const failed = failedReport('gone.zip', new AppError('NOT_FOUND', 'gone.zip: no such file'), [
      { entry: 'gone.zip:readme.pdf', reason: 'not a format listenhouse imports' },
    ]);
    expect(failed).toMatchObject({
      file: 'gone.zip',
      format: null,
      status: 'unreadable',
      error: { code: 'NOT_FOUND' },
      ignoredEntries: [{ entry: 'gone.zip:readme.pdf' }],
    });
    expect(totalsOf([a.report, b.report, failed])).toEqual({
      read: 4,
      inserted: 1,
      duplicates: 1,
      merged: 1,
      skipped: 1,
      rejected: 1,
    });
  });
});
