// RFC 4122 name-based UUIDs (version 5, SHA-1): the same ThreatGraph id always gives the same
// STIX id, so a re-export is stable and an import of our own bundle finds the same objects.
import { createHash } from 'node:crypto';

/** ThreatGraph's namespace for STIX ids (uuidv5 of "threatgraph" in the URL namespace). */
export const THREATGRAPH_NAMESPACE = '3ec11b99-fe44-561c-a241-5f3f6a93ecf5';

export function uuidv5(name: string, namespace: string = THREATGRAPH_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`[threatgraph] [export] bad UUID namespace: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
