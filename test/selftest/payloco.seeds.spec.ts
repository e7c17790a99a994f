import { seedsTest } from './seeds.js';

seedsTest('payloco');
