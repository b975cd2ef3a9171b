import { describe, expect, it } from 'vitest';
import { localNeo4jConfig, neo4jConfig, serverPort } from '../../src/config.js';

describe('neo4jConfig', () => {
  it('uses the local Neo4j when NEO4J_URI is unset', () => {
    expect(neo4jConfig({})).toEqual({ uri: null, user: 'neo4j', password: null, database: undefined });
  });

  it('accepts bolt, routing and Aura URIs', () => {
    for (const uri of ['bolt://localhost:7687', 'neo4j://cluster.example:7687', 'neo4j+s://abcd1234.databases.neo4j.io']) {
      expect(neo4jConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: 'secret' }).uri).toBe(uri);
    }
  });

  it.each([
    [{ NEO4J_URI: 'localhost:7687', NEO4J_PASSWORD: 'x' }, /NEO4J_URI "localhost:7687" has scheme "localhost:"/],
    [{ NEO4J_URI: 'not a uri', NEO4J_PASSWORD: 'x' }, /NEO4J_URI "not a uri" is not a URI/],
    [{ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'x' }, /has scheme "http:"/],
    [{ NEO4J_URI: 'bolt://localhost:7687' }, /NEO4J_PASSWORD is not/],
    [{ NEO4J_DATABASE: 'Bad Name!' }, /NEO4J_DATABASE "Bad Name!" is not a valid database name/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => neo4jConfig(env)).toThrow(message);
  });
});

describe('localNeo4jConfig and serverPort', () => {
  it('bounds memory by default and lets it be set', () => {
    expect(localNeo4jConfig({}, '/p')).toMatchObject({ heap: '1g', pageCache: '512m', port: 7687, dataDir: '/p/.data/neo4j' });
    expect(localNeo4jConfig({ NEO4J_HEAP: '2g', NEO4J_PAGECACHE: '1g' }, '/p')).toMatchObject({ heap: '2g', pageCache: '1g' });
  });

  it.each([
    [{ NEO4J_LOCAL_PORT: '70000' }, /NEO4J_LOCAL_PORT "70000" is not a port/],
    [{ NEO4J_HEAP: 'lots' }, /NEO4J_HEAP "lots" is not a size/],
  ])('rejects %j', (env, message) => {
    expect(() => localNeo4jConfig(env, '/p')).toThrow(message);
  });

  it('validates PORT', () => {
    expect(serverPort({})).toBe(4000);
    expect(() => serverPort({ PORT: 'http' })).toThrow(/PORT "http" is not a port number/);
  });
});
