import { describe, expect, it } from 'vitest';
import { fixKindOf, isOneClickFix, seconds, volumesText } from './health-shaping.js';

describe('the Data health page’s shaping', () => {
  it('reads the fix kind a finding names, and offers one-click previews only for rule-based fixes', () => {
    expect(fixKindOf('listenhouse fix merge-artists --preview')).toBe('merge-artists');
    expect(fixKindOf('listenhouse enrich (after listenhouse catalog match)')).toBeNull();
    expect(isOneClickFix('merge-artists')).toBe(true);
    expect(isOneClickFix(fixKindOf('listenhouse fix delete --from … --to … --preview'))).toBe(false);
  });

  it('writes volumes and durations short', () => {
    expect(volumesText({ listens: 120, findings: 4 })).toBe('listens 120, findings 4');
    expect(seconds(1234)).toBe('1.2 s');
  });
});
