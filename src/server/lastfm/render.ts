/**
 * Last.fm's two response encodings from one JSON-shaped value, as Last.fm itself maps them:
 * `#text` is an element's text; in an object that has `#text`, its other scalar keys are attributes
 * (`{corrected: "0", "#text": "Burial"}` → `<artist corrected="0">Burial</artist>`); `@attr` holds the
 * attributes of an element that has children; an array repeats its element.
 */
export type LfmValue = string | number | LfmObject | LfmValue[];
export interface LfmObject {
  [key: string]: LfmValue;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attributes and text are scalars; a nested value there is a bug in the caller, rendered empty. */
function scalar(value: LfmValue | undefined): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function attributes(entries: [string, LfmValue][]): string {
  return entries.map(([name, value]) => ` ${name}="${escapeXml(scalar(value))}"`).join('');
}

function element(name: string, value: LfmValue): string {
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  if ('#text' in value) {
    const attrs = Object.entries(value).filter(([key]) => key !== '#text');
    return `<${name}${attributes(attrs)}>${escapeXml(scalar(value['#text']))}</${name}>`;
  }
  const attr = value['@attr'];
  const attrs =
    attr !== undefined && typeof attr === 'object' && !Array.isArray(attr) ? Object.entries(attr) : [];
  const children = Object.entries(value)
    .filter(([key]) => key !== '@attr')
    .map(([key, child]) => element(key, child))
    .join('');
  return `<${name}${attributes(attrs)}>${children}</${name}>`;
}

/** `<lfm status="ok">` around the body's single top-level element. */
export function okXml(body: LfmObject): string {
  const inner = Object.entries(body)
    .map(([key, value]) => element(key, value))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<lfm status="ok">${inner}</lfm>\n`;
}

export function failedXml(code: number, message: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<lfm status="failed">` +
    `<error code="${code}">${escapeXml(message)}</error></lfm>\n`
  );
}
