import { selfTest } from './self-test.js';

selfTest('lesspay');
