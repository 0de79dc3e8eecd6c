// House lint rules, shared by every project's eslint.config.mjs.
import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

/**
 * Builds a project's flat config.
 * @param {string} projectDir the project's folder (import.meta.dirname of its config)
 * @param {{ pureFiles?: string[] }} [options] files that must stay free of AWS and Powertools
 */
export function projectConfig(projectDir, options = {}) {
  return tseslint.config(
    {
      ignores: [
        '**/dist/**',
        '**/cdk.out/**',
        '**/node_modules/**',
        '**/*.js',
        '**/*.cjs',
        '**/*.mjs',
      ],
    },
    // A project's `int/` folder is its integration suite, a project of its own with its own
    // config (see `type:int-test` below); linted from there, not twice.
    { ignores: ['int/**'] },
    ...nx.configs['flat/base'],
    ...nx.configs['flat/typescript'],
    {
      files: ['**/*.ts'],
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir: projectDir },
      },
      rules: {
        '@nx/enforce-module-boundaries': [
          'error',
          {
            enforceBuildableLibDependency: false,
            allow: [],
            // `type:harness` (tools/local-harness) starts the local stack, so its project
            // depends on `local` and through it on every app: only tools and the
            // `type:int-test` suites (an app's or library's `int/` project) may use it, never an
            // app or library itself, which the stack runs.
            depConstraints: [
              { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
              { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
              {
                sourceTag: 'type:tool',
                onlyDependOnLibsWithTags: ['type:lib', 'type:app', 'type:harness'],
              },
              { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib'] },
              { sourceTag: 'type:harness', onlyDependOnLibsWithTags: ['type:lib'] },
              {
                sourceTag: 'type:int-test',
                onlyDependOnLibsWithTags: ['type:lib', 'type:harness'],
              },
            ],
          },
        ],
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
        'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
      },
    },
    {
      files: ['**/*.spec.ts'],
      plugins: { jest },
      rules: {
        'jest/no-focused-tests': 'error',
        'jest/no-disabled-tests': 'error',
        'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }],
        'jest/no-identical-title': 'error',
      },
    },
    ...(options.pureFiles
      ? [
          {
            files: options.pureFiles,
            rules: {
              'no-restricted-imports': [
                'error',
                {
                  patterns: [
                    {
                      group: [
                        '@aws-sdk/*',
                        'aws-lambda',
                        '@aws-lambda-powertools/*',
                        '@imgpipe/aws',
                        '@imgpipe/observability',
                        '@imgpipe/dlq',
                      ],
                      message:
                        'Pure image jobs take bytes and options only: no AWS, Lambda or Powertools.',
                    },
                  ],
                },
              ],
            },
          },
        ]
      : []),
  );
}
