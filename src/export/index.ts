// One entry for every export format: the files a format writes, by name.
import { toNeo4jCsv } from './csv.js';
import { toGraphML } from './graphml.js';
import { toJsonSubgraph } from './json.js';
import { toStixBundle } from './stix.js';
import type { ExportFormat, ExportOptions, GraphSnapshot } from './types.js';

export interface ExportFile {
  name: string;
  content: string;
}

export function renderExport(snapshot: GraphSnapshot, format: ExportFormat, options: ExportOptions = {}): ExportFile[] {
  switch (format) {
    case 'stix':
      return [{ name: 'bundle.json', content: JSON.stringify(toStixBundle(snapshot, options), null, 2) + '\n' }];
    case 'graphml':
      return [{ name: 'graph.graphml', content: toGraphML(snapshot) }];
    case 'json':
      return [{ name: 'subgraph.json', content: JSON.stringify(toJsonSubgraph(snapshot), null, 2) + '\n' }];
    case 'csv': {
      const { nodes, relationships } = toNeo4jCsv(snapshot);
      return [
        { name: 'nodes.csv', content: nodes },
        { name: 'relationships.csv', content: relationships },
      ];
    }
  }
}

export { EXPORT_FORMATS, type ExportFormat, type ExportOptions, type GraphSnapshot } from './types.js';
