/**
 * Models by kind: build one with the project's defaults (or given settings), or load a saved one.
 */
import { AppError } from '../../domain/errors.js';
import type { KernelPool } from '../kernels/pool.js';
import { AlsModel, type AlsParams } from './als.js';
import { BprModel, type BprParams } from './bpr.js';
import { ContentModel, type ContentParams } from './content.js';
import { HybridModel, type HybridParams } from './hybrid.js';
import { ItemKnnModel, type ItemKnnParams } from './item-knn.js';
import { decodeModelFile } from './model-file.js';
import { MODEL_KINDS, type ModelKind, type Recommender } from './model.js';
import { PopularityModel } from './popularity.js';

export type { AlsParams } from './als.js';
export type { BprParams } from './bpr.js';
export type { ContentParams } from './content.js';
export type { HybridParams } from './hybrid.js';
export type { ItemKnnParams } from './item-knn.js';
export * from './model.js';
export { AlsModel, BprModel, ContentModel, HybridModel, ItemKnnModel, PopularityModel };

/** Settings per kind; what is left out takes the project's defaults. */
export interface ModelSettings {
  als?: Partial<AlsParams>;
  itemknn?: Partial<ItemKnnParams>;
  bpr?: Partial<BprParams>;
  content?: Partial<ContentParams>;
  hybrid?: Partial<HybridParams>;
}

export function isModelKind(value: string): value is ModelKind {
  return (MODEL_KINDS as readonly string[]).includes(value);
}

export function createModel(kind: ModelKind, settings: ModelSettings = {}): Recommender {
  switch (kind) {
    case 'pop':
      return new PopularityModel();
    case 'itemknn':
      return new ItemKnnModel(settings.itemknn);
    case 'als':
      return new AlsModel(settings.als);
    case 'bpr':
      return new BprModel(settings.bpr);
    case 'content':
      return new ContentModel(settings.content);
    case 'hybrid':
      return new HybridModel(settings.hybrid ?? {}, (part) => {
        if (part === 'hybrid')
          throw new AppError('INVALID_INPUT', 'A hybrid cannot have a hybrid as a part.');
        return createModel(part, settings);
      });
  }
}

/** A saved model (see Recommender.save); factor models run their top-K on `pool`. */
export function loadModel(bytes: Uint8Array, pool: KernelPool): Recommender {
  const kind = decodeModelFile(bytes).header.kind;
  switch (kind) {
    case 'pop':
      return PopularityModel.load(bytes);
    case 'itemknn':
      return ItemKnnModel.load(bytes);
    case 'als':
      return AlsModel.load(bytes, pool);
    case 'bpr':
      return BprModel.load(bytes, pool);
    case 'content':
      return ContentModel.load(bytes);
    case 'hybrid':
      return HybridModel.load(
        bytes,
        (part) => createModel(part),
        (part) => loadModel(part, pool),
      );
    default:
      throw new AppError('INVALID_INPUT', `The model file holds an unknown kind of model (${String(kind)}).`);
  }
}
