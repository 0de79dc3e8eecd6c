import { projectConfig } from '../../tools/eslint/eslint.base.mjs';

export default projectConfig(import.meta.dirname);
