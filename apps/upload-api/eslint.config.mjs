import { projectConfig } from '../../tools/eslint/eslint.base.mjs';

// Routing, key naming, policy conditions, cursors and validation stay free of AWS.
export default projectConfig(import.meta.dirname, {
  pureFiles: ['src/routes.ts', 'src/upload-keys.ts', 'src/upload-policy.ts', 'src/cursor.ts', 'src/image-ids.ts', 'src/requests.ts', 'src/http-responses.ts', 'src/caller.ts'],
});
