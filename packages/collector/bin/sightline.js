#!/usr/bin/env node
// The `sightline` command. The code lives in the built dist/ (npm run build).
import '../dist/cli.js';
