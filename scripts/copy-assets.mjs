// Part of `npm run build`: files compiled modules read next to themselves, copied beside their compiled copy.
import { cpSync } from 'node:fs';

const ASSETS = ['mocks/payloco/keys'];
for (const dir of ASSETS) cpSync(dir, `dist/${dir}`, { recursive: true });
