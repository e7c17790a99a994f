// First step of `npm run build`: dist/ is rebuilt from nothing, so a module or test deleted or moved since the last
// build cannot linger in it and be packed.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
