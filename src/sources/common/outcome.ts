import type {
  CollectionItemDraft,
  ListenDraft,
  ParsedRecord,
  RecordLocation,
  RejectReason,
  SkipReason,
} from '../../domain/listen.js';

/**
 * What a pure mapping function decides about one source record. The format wraps it with the
 * record's location and raw text to make a ParsedRecord.
 */
export type Outcome =
  | { readonly kind: 'listen'; readonly listen: ListenDraft }
  | { readonly kind: 'collection'; readonly item: CollectionItemDraft }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly message: string }
  | { readonly kind: 'reject'; readonly reason: RejectReason; readonly message: string };

export function listen(draft: ListenDraft): Outcome {
  return { kind: 'listen', listen: draft };
}

export function skip(reason: SkipReason, message: string): Outcome {
  return { kind: 'skip', reason, message };
}

export function reject(reason: RejectReason, message: string): Outcome {
  return { kind: 'reject', reason, message };
}

export function toParsedRecord(outcome: Outcome, where: RecordLocation, raw: string): ParsedRecord {
  switch (outcome.kind) {
    case 'listen':
      return { kind: 'listen', where, raw, listen: outcome.listen };
    case 'collection':
      return { kind: 'collection', where, raw, item: outcome.item };
    case 'skip':
      return { kind: 'skip', where, raw, reason: outcome.reason, message: outcome.message };
    case 'reject':
      return { kind: 'reject', where, raw, reason: outcome.reason, message: outcome.message };
  }
}
