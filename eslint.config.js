// The linter `npm test` runs: the recommended rules that catch real mistakes (unused
// variables and imports, unreachable code, == against a non-null, reassigned constants) and a
// line-length limit of 160. Strings, template literals (Cypher), regular expressions and URLs
// may run longer: breaking them hides what they say or match.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.venv/**', 'neo4j/**', 'python/**', 'corpus/**', 'data/**', 'src/client/generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // the text cleaners strip control characters on purpose
      'no-control-regex': 'off',
    },
  },
  // GraphQL answers in tests are read as any: the assertions check their shape
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
