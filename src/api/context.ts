// What every resolver receives: the graph executor (the only way to Cypher), the caller's role,
// and this request's batch loaders. Also where API keys are read and a request's role decided.
import { readFileSync } from 'node:fs';
import { ThreatGraphError } from '../errors.js';
import type { GraphExecutor } from '../graph/executor.js';
import type { Loaders } from './loaders.js';

export const ROLES = ['reader', 'analyst', 'ingestor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do: reader queries, analyst curates, ingestor ingests, admin everything. */
export const ROLE_GRANTS: Record<Role, readonly Role[]> = {
  reader: ['reader'],
  analyst: ['reader', 'analyst'],
  ingestor: ['reader', 'ingestor'],
  admin: ['reader', 'analyst', 'ingestor', 'admin'],
};

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLE_GRANTS[role].includes(needed);
}

export interface ApiKey {
  role: Role;
  /** Who the key belongs to: recorded as `by` on merges and as the source of analysts' links. */
  name: string;
}

/** How a request authenticated: a role, or why it has none. */
export type Caller = { role: Role; name: string } | { role: null; reason: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

export interface ApiContext {
  graph: GraphExecutor;
  caller: Caller;
  loaders: Loaders;
}

type Env = Record<string, string | undefined>;

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function addKey(keys: Map<string, ApiKey>, where: string, key: unknown, role: unknown, name: unknown): void {
  if (typeof key !== 'string' || key.length < 8) throw new ThreatGraphError('config', `${where}: an API key must be a string of at least 8 characters`);
  if (!isRole(role)) throw new ThreatGraphError('config', `${where}: role "${String(role)}" is not one of ${ROLES.join(', ')}`);
  if (keys.has(key)) throw new ThreatGraphError('config', `${where}: the same key is listed twice`);
  keys.set(key, { role, name: typeof name === 'string' && name ? name : `${role}-key-${keys.size + 1}` });
}

/**
 * API keys from THREATGRAPH_API_KEYS ("key:role[:name],...") or THREATGRAPH_API_KEYS_FILE (JSON:
 * `[{"key","role","name"}]` or `{"key": "role"}`). Null when neither is set: then only loopback
 * clients are served, as admin.
 */
export function apiKeysFromEnv(env: Env = process.env): Map<string, ApiKey> | null {
  const inline = env.THREATGRAPH_API_KEYS?.trim();
  const file = env.THREATGRAPH_API_KEYS_FILE?.trim();
  if (!inline && !file) return null;
  const keys = new Map<string, ApiKey>();
  if (inline) {
    inline
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .forEach((entry, i) => {
        const [key, role, name] = entry.split(':');
        addKey(keys, `THREATGRAPH_API_KEYS entry ${i + 1}`, key, role, name);
      });
  }
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ThreatGraphError('config', `THREATGRAPH_API_KEYS_FILE ${file}: ${(error as Error).message}`, { cause: error });
    }
    if (Array.isArray(parsed)) {
      parsed.forEach((entry: Record<string, unknown> | null, i) => addKey(keys, `${file} entry ${i + 1}`, entry?.key, entry?.role, entry?.name));
    } else if (parsed && typeof parsed === 'object') {
      Object.entries(parsed).forEach(([key, role], i) => addKey(keys, `${file} entry ${i + 1}`, key, role, undefined));
    } else {
      throw new ThreatGraphError('config', `THREATGRAPH_API_KEYS_FILE ${file}: expected a JSON array of {key, role, name} or an object of key → role`);
    }
  }
  if (keys.size === 0) throw new ThreatGraphError('config', 'THREATGRAPH_API_KEYS is set but lists no key');
  return keys;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string): boolean {
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * Where a request came from: a TCP peer (its address, undefined once the connection is gone;
 * `proxied` when it forwarded someone else's request) or this process itself (yoga.fetch, as
 * the CLI's in-process API calls it; no socket at all).
 */
export type Peer = { inProcess: true } | { inProcess: false; address: string | undefined; proxied: boolean };

export const IN_PROCESS: Peer = { inProcess: true };

/** The peer of a request: the socket's address when a Node request came in, else this process. */
export function peerOf(req: { socket?: { remoteAddress?: string } } | undefined, headers: Headers): Peer {
  if (!req) return IN_PROCESS;
  return { inProcess: false, address: req.socket?.remoteAddress, proxied: headers.has('forwarded') || headers.has('x-forwarded-for') };
}

/**
 * The caller's role. With keys configured, `Authorization: Bearer KEY` must name one. Without,
 * loopback peers and in-process calls are admin and others refused. A socket whose address is
 * gone (the client reset the connection) is not loopback, nor is a proxy on this machine that
 * forwards someone else's request (Forwarded / X-Forwarded-For): behind a proxy, configure keys.
 */
export function resolveCaller(authorization: string | null, peer: Peer, keys: Map<string, ApiKey> | null): Caller {
  if (keys === null) {
    if (peer.inProcess || (!peer.proxied && peer.address !== undefined && isLoopback(peer.address))) return { role: 'admin', name: 'local' };
    return {
      role: null,
      reason: 'FORBIDDEN',
      message: peer.proxied
        ? '[threatgraph] [api] this server has no API keys configured and a request through a proxy is not local; set THREATGRAPH_API_KEYS to serve clients behind a proxy'
        : '[threatgraph] [api] this server has no API keys configured and serves only local clients; set THREATGRAPH_API_KEYS to allow remote ones',
    };
  }
  if (!authorization) {
    return { role: null, reason: 'UNAUTHENTICATED', message: '[threatgraph] [api] an API key is required: send "Authorization: Bearer KEY"' };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const key = match?.[1] ? keys.get(match[1]) : undefined;
  if (!key) return { role: null, reason: 'UNAUTHENTICATED', message: '[threatgraph] [api] the API key is not valid' };
  return { role: key.role, name: key.name };
}
