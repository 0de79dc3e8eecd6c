import { projectConfig } from '../../tools/eslint/eslint.base.mjs';

// The image job and everything it is built from take bytes and options only.
export default projectConfig(import.meta.dirname, {
  pureFiles: ['src/resize.ts', 'src/resize-plan.ts', 'src/pixels.ts', 'src/output-keys.ts'],
});
