#!/usr/bin/env node
// Runs the compiled CLI (npm install/ci builds it through the `prepare` script).
import '../dist/cli/entry.js';
