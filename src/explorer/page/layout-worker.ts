// The layout worker: computes positions off the page's main thread, so the page stays
// responsive while fCoSE or the hierarchy runs (served as /explorer/layout-worker.js).
import { computeLayout, type LayoutRequest } from './layout-compute.js';

self.onmessage = (event: MessageEvent<{ id: number; request: LayoutRequest }>) => {
  const { id, request } = event.data;
  try {
    self.postMessage({ id, positions: computeLayout(request) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
