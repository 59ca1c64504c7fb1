#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: tools, type-check, unit tier, integration tier.
# Ends with one line "tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .dondoc
bash scripts/tools.sh || exit 1

echo "== type-check"
npx tsc --noEmit -p . || { echo "tests: 0 passed, 1 failed"; exit 1; }

rc=0
echo "== unit tier"
npx jest --selectProjects unit --json --outputFile=.dondoc/jest-unit.json "$@" || rc=1
echo "== integration tier (real Temporal test server and nats-server)"
npx jest --selectProjects int --runInBand --json --outputFile=.dondoc/jest-int.json "$@" || rc=1

node -e '
  let passed = 0, failed = 0, skipped = 0, suitesFailed = 0;
  for (const f of process.argv.slice(1)) {
    try {
      const r = require(require("path").resolve(f));
      passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
      suitesFailed += r.numRuntimeErrorTestSuites || 0;
    } catch { failed += 1; }
  }
  failed += suitesFailed;
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' .dondoc/jest-unit.json .dondoc/jest-int.json
exit $rc
