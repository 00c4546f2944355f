export { readNarratives } from './narratives.js';
