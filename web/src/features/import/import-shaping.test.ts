import { describe, expect, it } from 'vitest';
import {
  canUndo,
  formatBytes,
  progressOf,
  reasonsOf,
  runIdsOf,
  uploadForm,
  type FileReport,
} from './import-shaping.js';

const counts = { read: 0, inserted: 0, duplicates: 0, merged: 0, skipped: 0, rejected: 0 };
const job = (
  status: 'queued' | 'running' | 'completed' | 'failed',
  bytesRead: number,
  totalBytes: number,
) => ({
  status,
  progress: { file: null, bytesRead, totalBytes, counts },
});

const file = (over: Partial<FileReport>): FileReport => ({
  file: 'a.csv',
  format: 'lastfm-csv',
  formatTitle: 'Last.fm',
  status: 'imported',
  entries: 1,
  read: 10,
  inserted: 8,
  duplicates: 0,
  merged: 0,
  encoding: 'utf8',
  encodingDetected: false,
  skipped: {},
  rejected: {},
  cleaned: {},
  examples: [],
  ignoredEntries: [],
  usersCreated: [],
  importRunId: 1,
  seconds: 0.1,
  ...over,
});

describe('a job’s progress', () => {
  it('is the share of bytes read; unknown without a size; full once finished', () => {
    expect(progressOf(job('running', 250, 1000))).toBe(0.25);
    expect(progressOf(job('running', 1200, 1000))).toBe(1);
    expect(progressOf(job('queued', 0, 0))).toBeNull();
    expect(progressOf(job('completed', 10, 1000))).toBe(1);
    expect(progressOf(job('failed', 0, 0))).toBe(1);
  });

  it('shows sizes in the locale', () => {
    expect(formatBytes(512, 'en-US')).toBe('512 byte');
    expect(formatBytes(3_696_642, 'en-US')).toBe('3.7 MB');
    expect(formatBytes(3_696_642, 'de-DE').replace(/\s/gu, ' ')).toBe('3,7 MB');
    expect(formatBytes(12_000, 'en-US')).toBe('12 kB');
  });
});

describe('the report by reason', () => {
  it('adds the files’ counts per status and reason, rejected first, most frequent first, with an example', () => {
    const report = {
      files: [
        file({
          rejected: { bad_timestamp: 2 },
          skipped: { now_playing: 3 },
          examples: [{ status: 'rejected', reason: 'bad_timestamp', where: 'a.csv:4', message: 'no date' }],
        }),
        file({
          file: 'b.csv',
          importRunId: 2,
          rejected: { bad_timestamp: 1, missing_field: 5 },
          cleaned: { control_characters: 1 },
        }),
      ],
    };
    expect(reasonsOf(report)).toEqual([
      { status: 'rejected', reason: 'missing_field', count: 5, example: null },
      { status: 'rejected', reason: 'bad_timestamp', count: 3, example: 'a.csv:4: no date' },
      { status: 'skipped', reason: 'now_playing', count: 3, example: null },
      { status: 'cleaned', reason: 'control_characters', count: 1, example: null },
    ]);
    expect(runIdsOf(report)).toEqual([1, 2]);
    expect(runIdsOf({ files: [file({ importRunId: null })] })).toEqual([]);
  });
});

describe('the upload and undo', () => {
  it('sends the settings before the files, and only those given', () => {
    const f = new File(['x'], 'plays.csv');
    const form = uploadForm([f], { user: 'bob', format: 'lastfm-csv', dryRun: true });
    expect([...form.keys()]).toEqual(['user', 'format', 'dryRun', 'file']);
    expect(form.get('dryRun')).toBe('true');
    expect((form.get('file') as File).name).toBe('plays.csv');
    expect([...uploadForm([f], { dryRun: false }).keys()]).toEqual(['dryRun', 'file']);
  });

  it('offers undo for finished runs not undone yet', () => {
    expect(canUndo({ status: 'completed' })).toBe(true);
    expect(canUndo({ status: 'failed' })).toBe(true);
    expect(canUndo({ status: 'running' })).toBe(false);
    expect(canUndo({ status: 'deleted' })).toBe(false);
  });
});
