export { LiveService } from './live-service.js';
export type {
  ConnectionStatus,
  ConnectionView,
  LiveDeps,
  LiveSettings,
  NewConnection,
} from './live-service.js';
export { LIVE_SOURCES, liveSource } from './registry.js';
export type { LiveCapabilities, LivePlay, LiveSource, PushRequest } from './types.js';
