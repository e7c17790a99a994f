import { seedsTest } from './seeds.js';

seedsTest('lesspay');
