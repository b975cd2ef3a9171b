// What every resolver receives: the graph executor (the only way to Cypher).
import type { GraphExecutor } from '../graph/executor.js';

export interface ApiContext {
  graph: GraphExecutor;
}
