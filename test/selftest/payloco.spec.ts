import { selfTest } from './self-test.js';

selfTest('payloco');
