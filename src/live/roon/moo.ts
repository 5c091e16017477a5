/**
 * Roon's MOO protocol (what node-roon-api speaks over its WebSocket, ws://CORE:9330/api): each
 * message is one binary frame, `MOO/1 <VERB> <name>` then `Header: value` lines, a blank line and an
 * optional body (JSON with Content-Type application/json and its Content-Length in bytes). Verbs:
 * REQUEST (name: `service/method`), CONTINUE and COMPLETE (name: the status, e.g. Success,
 * Subscribed, Changed, Registered). Pure: encode and decode only.
 */
export interface MooMessage {
  verb: 'REQUEST' | 'CONTINUE' | 'COMPLETE';
  name: string;
  requestId: number;
  body: unknown;
}

export function encodeMoo(message: MooMessage): Buffer {
  const head = [`MOO/1 ${message.verb} ${message.name}`, `Request-Id: ${message.requestId}`];
  if (message.body === undefined) return Buffer.from(`${head.join('\n')}\n\n`, 'utf8');
  const body = Buffer.from(JSON.stringify(message.body), 'utf8');
  head.push(`Content-Length: ${body.length}`, 'Content-Type: application/json');
  return Buffer.concat([Buffer.from(`${head.join('\n')}\n\n`, 'utf8'), body]);
}

/** A frame as a message; null when it is not MOO/1 (it is ignored, as node-roon-api does). */
export function decodeMoo(frame: Buffer): MooMessage | null {
  const end = frame.indexOf('\n\n');
  if (end < 0) return null;
  const lines = frame.subarray(0, end).toString('utf8').split('\n');
  const first = /^MOO\/1 (REQUEST|CONTINUE|COMPLETE) (.+)$/.exec(lines[0] ?? '');
  if (!first) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const requestId = Number(headers.get('request-id'));
  if (!Number.isInteger(requestId)) return null;
  const length = Number(headers.get('content-length') ?? 0);
  let body: unknown;
  if (length > 0) {
    const text = frame.subarray(end + 2, end + 2 + length).toString('utf8');
    try {
      body = headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    } catch {
      return null;
    }
  }
  return { verb: first[1] as MooMessage['verb'], name: first[2]!, requestId, body };
}
