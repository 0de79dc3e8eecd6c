import { projectConfig } from '../../tools/eslint/eslint.base.mjs';

// The image job and everything it is built from take bytes and options only.
export default projectConfig(import.meta.dirname, {
  pureFiles: [
    'src/watermark.ts',
    'src/watermark-layout.ts',
    'src/watermark-mark.ts',
    'src/text-overlay.ts',
    'src/raw-image.ts',
    'src/output-keys.ts',
    'src/assets/*.ts',
  ],
});
