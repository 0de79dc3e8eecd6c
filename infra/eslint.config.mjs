import { projectConfig } from '../tools/eslint/eslint.base.mjs';

export default [
  ...projectConfig(import.meta.dirname),
  {
    // CDK assertion calls are assertions too.
    files: ['**/*.spec.ts'],
    rules: {
      'jest/expect-expect': [
        'error',
        { assertFunctionNames: ['expect', 'expect*', '*.hasResourceProperties', '*.resourceCountIs'] },
      ],
    },
  },
];
