// withClientErrors: expected failures leave resolvers as typed client errors, and a resolver
// that answers at once is not made to return a promise (a neighbourhood resolves thousands).
import { describe, expect, it } from 'vitest';
import { withClientErrors } from '../../src/api/plugins/errors.js';
import { notFound } from '../../src/graph/queries/common.js';

type Fn = (...args: unknown[]) => unknown;
const wrapped = (fields: Record<string, Fn>) => withClientErrors({ Relation: fields }).Relation as Record<string, Fn>;
const code = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

describe('withClientErrors', () => {
  it('returns a synchronous answer synchronously and an asynchronous one as a promise', async () => {
    const r = wrapped({ sync: (x) => (x as { v: number }).v, later: async (x) => (x as { v: number }).v + 1 });
    expect(r.sync!({ v: 3 })).toBe(3);
    const later = r.later!({ v: 3 });
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(4);
  });

  it('turns an expected failure into a typed client error, thrown or rejected', async () => {
    const r = wrapped({
      thrown: () => {
        throw notFound('id: no entity has id "X"');
      },
      rejected: async () => {
        throw notFound('id: no entity has id "Y"');
      },
    });
    let caught: unknown;
    try {
      r.thrown!();
    } catch (error) {
      caught = error;
    }
    expect(code(caught)).toBe('NOT_FOUND');
    expect((caught as Error).message).toMatch(/no entity has id "X"/);
    const rejected = await (r.rejected!() as Promise<unknown>).catch((error: unknown) => error);
    expect(code(rejected)).toBe('NOT_FOUND');
    expect((rejected as Error).message).toMatch(/no entity has id "Y"/);
  });

  it('lets an unexpected error through as it is, thrown or rejected', async () => {
    const boom = new Error('boom');
    const r = wrapped({
      thrown: () => {
        throw boom;
      },
      rejected: () => Promise.reject(boom),
    });
    expect(() => r.thrown!()).toThrow(boom);
    await expect(r.rejected!()).rejects.toBe(boom);
  });
});
