#!/usr/bin/env node
// The package ships TypeScript sources; tsx compiles them on load so there is no stale build output.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
