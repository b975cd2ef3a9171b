// Introspection off in production: schema queries (__schema, __type) fail validation.
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface IntrospectionOptions {
  /** @default true */
  enabled?: boolean;
}

export function useIntrospection(options: IntrospectionOptions = {}): Plugin {
  if (options.enabled ?? true) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
