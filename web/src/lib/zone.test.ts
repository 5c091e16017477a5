import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from './zone.js';

describe('zoned datetime-local values', () => {
  it('shows an instant on the named zone’s clock, whatever the browser’s zone', () => {
    expect(toZonedInput('2024-07-01T12:34:56Z', 'UTC')).toBe('2024-07-01T12:34');
    expect(toZonedInput('2024-07-01T12:34:56Z', 'Europe/Berlin')).toBe('2024-07-01T14:34');
    expect(toZonedInput('2024-01-01T02:00:00Z', 'America/New_York')).toBe('2023-12-31T21:00');
    expect(toZonedInput('2024-07-01T12:34:56Z', 'Asia/Kolkata')).toBe('2024-07-01T18:04');
  });

  it('reads a wall time back as the instant it is in that zone, on both sides of clock changes', () => {
    expect(fromZonedInput('2024-07-01T14:34', 'Europe/Berlin')).toBe(Date.parse('2024-07-01T12:34:00Z'));
    expect(fromZonedInput('2024-01-15T14:34', 'Europe/Berlin')).toBe(Date.parse('2024-01-15T13:34:00Z'));
    expect(fromZonedInput('2023-12-31T21:00', 'America/New_York')).toBe(Date.parse('2024-01-01T02:00:00Z'));
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'])
      for (const iso of ['2024-03-31T00:59:00Z', '2024-03-31T01:00:00Z', '2024-11-03T07:15:00Z'])
        expect(fromZonedInput(toZonedInput(iso, zone), zone)).toBe(Date.parse(iso));
  });

  it('says null for what is not a datetime-local value', () => {
    expect(fromZonedInput('2024-07-01', 'UTC')).toBeNull();
    expect(fromZonedInput('yesterday', 'UTC')).toBeNull();
  });
});
