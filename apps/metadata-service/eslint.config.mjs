import { projectConfig } from '../../tools/eslint/eslint.base.mjs';

// The image job takes bytes and limits only.
export default projectConfig(import.meta.dirname, { pureFiles: ['src/metadata.ts'] });
