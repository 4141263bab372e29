#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled into dist/bundle/ by `npm ci` (the `prepare`
// script: tsc, then scripts/bundle.mjs).
import { main } from '../dist/bundle/main.js';

const code = await main(process.argv.slice(2));
// A write error of stdout may already have set exit 2 (src/cli/closed-output.ts).
if (!process.exitCode) process.exitCode = code;
