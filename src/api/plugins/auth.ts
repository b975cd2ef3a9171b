// Roles: every root field needs a role (reader for queries, analyst for curation, ingestor for
// ingest); a caller without one, or with too weak a one, gets a typed error before anything runs.
import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { roleAllows, type ApiContext, type Role } from '../context.js';

export interface RolesOptions {
  /** Root fields that need more than `reader`, as "Type.field". @default curation → analyst, ingest → ingestor */
  required?: Record<string, Role>;
}

export const DEFAULT_REQUIRED_ROLES: Record<string, Role> = {
  'Query.mergeSuggestions': 'analyst',
  'Query.mergeRecords': 'analyst',
  'Mutation.ingestArticle': 'ingestor',
  'Mutation.importStix': 'ingestor',
  'Mutation.mergeEntities': 'analyst',
  'Mutation.splitEntity': 'analyst',
  'Mutation.addAlias': 'analyst',
  'Mutation.setRelationStatus': 'analyst',
  'Mutation.addRelation': 'analyst',
  'Mutation.saveWorkspace': 'analyst',
  'Mutation.deleteWorkspace': 'analyst',
};

const ROOT_TYPE = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** The root field selections of an operation, through fragments (aliases each their own). */
export function rootFieldNodes(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return fields;
}

/** The operation a request runs: the named one, or the only one. */
export function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

function check(context: ApiContext, document: DocumentNode, operationName: string | null | undefined, required: Record<string, Role>) {
  const operation = selectedOperation(document, operationName);
  if (!operation) return null;
  const caller = context.caller;
  const fields = rootFieldNodes(document, operation)
    .map((f) => f.name.value)
    .filter((f) => !f.startsWith('__'));
  if (caller.role === null) {
    if (fields.length === 0) return null; // __typename and introspection answer anyone the server lets in
    // A 401 names the scheme the client must use (RFC 9110).
    const http = caller.reason === 'UNAUTHENTICATED' ? { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="threatgraph"' } } : { status: 403 };
    return createGraphQLError(caller.message, { extensions: { code: caller.reason, http } });
  }
  for (const field of fields) {
    const needed = required[`${ROOT_TYPE[operation.operation]}.${field}`] ?? 'reader';
    if (!roleAllows(caller.role, needed)) {
      return createGraphQLError(`[threatgraph] [api] ${field} needs the ${needed} role; this API key has the ${caller.role} role`, {
        extensions: { code: 'FORBIDDEN', http: { status: 403 } },
      });
    }
  }
  return null;
}

export function useRoles(options: RolesOptions = {}): Plugin<ApiContext> {
  const required = { ...DEFAULT_REQUIRED_ROLES, ...options.required };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args.contextValue, args.document, args.operationName, required);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args.contextValue, args.document, args.operationName, required);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
