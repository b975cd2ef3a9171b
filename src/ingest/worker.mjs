// Piscina worker entry: worker threads do not inherit the tsx loader of the main thread, so
// this plain-JS file registers it before it imports the TypeScript extractor.
import { register } from 'tsx/esm/api';

register();
const { extractMany } = await import('./extract-task.ts');

export { extractMany };
