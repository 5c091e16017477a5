/**
 * The recommender's face for the CLI, the server and the jobs: interactions from files and the
 * store, the models, evaluation, research mode, and the registry and serving of trained models.
 */
export { WEIGHTINGS, type Weighting } from './interactions/weighting.js';
export type { Dataset } from './interactions/dataset.js';
export {
  readInteractionsFile,
  readItemFeatures,
  type DumpItem,
  type ItemFeatures,
} from './interactions/read-file.js';
export { KernelPool, defaultThreads, sharedPool } from './kernels/pool.js';
export {
  MODEL_KINDS,
  createModel,
  isModelKind,
  loadModel,
  type ModelKind,
  type ModelSettings,
} from './models/index.js';
export { SIMILARITIES, type Similarity } from './models/item-knn.js';
export { SPLITS, DEFAULT_SPLIT, type SplitKind } from './evaluation/split.js';
export { METRIC_NAMES, type MetricName, type Metrics } from './evaluation/metrics.js';
export { evaluateModels, type ModelEvaluation } from './evaluation/evaluate.js';
export { runBatch, type BatchReport } from './research/batch.js';
export { ENTITIES, entityOf, isEntity, type Entity } from './interactions/from-store.js';
export {
  DEFAULT_POLICY,
  DEFAULT_SERVER_MODEL,
  retrain,
  type RetrainOptions,
  type RetrainOutcome,
  type RetrainPolicy,
} from './registry/retrain.js';
export {
  DEFAULT_SERVING,
  RecommendationService,
  recommendationServiceFor,
  reasonFor,
  type NamedItem,
  type NamedPart,
  type Recommendation,
  type RecommendationList,
  type ServingSettings,
} from './serving/recommendation-service.js';
export { radio, type RadioSeed, type Playlist } from './serving/radio.js';
export { recommendationsToJspf, toJspf, type Jspf } from './serving/jspf.js';
export { recommendationPlaylist, type RecommendationPlaylist } from './serving/recommendation-playlist.js';
