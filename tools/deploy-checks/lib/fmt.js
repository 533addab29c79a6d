'use strict';
// An offline approximation of `terraform fmt -check` (terraform cannot be installed here; CI runs
// the real one). It checks what hand edits usually get wrong: the alignment of "=" in runs of
// consecutive single-line attributes (hclwrite aligns a run and a line whose value opens a
// multi-line bracket ends the run), two-space indentation, tabs and trailing whitespace.

const ATTRIBUTE = /^(\s*)("[^"]*"|[A-Za-z_][\w-]*)(\s*)=(?![=>])(\s*)(.*)$/;

// Net change in bracket depth of an expression, ignoring brackets inside string literals.
function netBrackets(text) {
  const code = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\s#.*$|\s\/\/.*$/, '');
  let depth = 0;
  for (const ch of code) {
    if ('{[('.includes(ch)) depth++;
    else if ('}])'.includes(ch)) depth--;
  }
  return depth;
}

function checkFormat(rel, text) {
  const findings = [];
  const lines = text.split('\n');
  let run = [];
  let heredocEnd = null;
  const closeRun = () => {
    if (run.length > 0) {
      const want = Math.max(...run.map((r) => r.keyEnd)) + 1;
      for (const r of run) {
        if (r.equalsAt !== want) {
          findings.push({ check: 'fmt', file: rel, message: `${r.line}: "=" of ${r.key} is at column ${r.equalsAt + 1}, terraform fmt puts it at ${want + 1}` });
        }
      }
    }
    run = [];
  };
  lines.forEach((line, i) => {
    if (heredocEnd) {
      if (line.trim() === heredocEnd) heredocEnd = null;
      return;
    }
    if (/\t/.test(line)) findings.push({ check: 'fmt', file: rel, message: `${i + 1}: tab character` });
    if (/\s+$/.test(line)) findings.push({ check: 'fmt', file: rel, message: `${i + 1}: trailing whitespace` });
    const indent = line.match(/^ */)[0].length;
    if (line.trim() !== '' && indent % 2 !== 0) findings.push({ check: 'fmt', file: rel, message: `${i + 1}: indentation is not a multiple of two spaces` });
    const m = line.match(ATTRIBUTE);
    const heredoc = line.match(/<<-?([A-Z_]+)\s*$/);
    if (heredoc) heredocEnd = heredoc[1];
    if (m && m[4] !== ' ' && m[5] !== '') {
      findings.push({ check: 'fmt', file: rel, message: `${i + 1}: one space after "=" expected` });
    }
    if (m && (heredoc || netBrackets(m[5]) === 0)) {
      run.push({ line: i + 1, key: m[2], keyEnd: m[1].length + m[2].length, equalsAt: m[1].length + m[2].length + m[3].length });
    } else {
      closeRun();
    }
  });
  closeRun();
  return findings;
}

module.exports = { checkFormat };
