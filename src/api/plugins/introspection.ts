// Introspection off in production: schema queries (__schema, __type) fail validation.
// (A rule of our own rather than graphql's NoSchemaIntrospectionCustomRule, whose instanceof
// checks break when the ESM and CommonJS copies of graphql meet.)
import type { FieldNode, ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export interface IntrospectionOptions {
  /** @default true */
  enabled?: boolean;
}

function noIntrospection(context: ValidationContext) {
  return {
    Field(node: FieldNode) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(
          createGraphQLError(
            `[threatgraph] [api] introspection is turned off on this server (THREATGRAPH_INTROSPECTION); "${node.name.value}" is not allowed`,
            {
              nodes: [node],
              extensions: { code: 'INTROSPECTION_DISABLED' },
            },
          ),
        );
      }
    },
  };
}

export function useIntrospection(options: IntrospectionOptions = {}): Plugin {
  if (options.enabled ?? true) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospection);
    },
  };
}
