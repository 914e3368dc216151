import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Generated files, logs and results (git-ignored). */
export const OUT_DIR = path.join(REPO_ROOT, 'bench', 'out');
