export {
  makeCatalogue,
  GENRES,
  type Catalogue,
  type CatalogueArtist,
  type CatalogueRelease,
  type CatalogueTrack,
} from './catalogue.js';
export { toListenBrainzLine } from './listenbrainz-line.js';
export { Random, WeightedIndex, deriveSeed } from './random.js';
export { simulateListens, simulatedUsers, type SimulatedListen, type SimulationOptions } from './simulate.js';
export { ZONES, type Device, type SimulatedUser } from './users.js';
export { simulateEvents, type SimulatedEventType } from './events.js';
