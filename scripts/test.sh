#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: tools, type-check, unit tier, integration tier.
# Ends with one line "tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/bounded.sh
source scripts/lib/bounded.sh
mkdir -p .dondoc
# What git sees before the run, to fail a run that writes files git would pick up (they belong in .dondoc/ or a
# temporary directory, or in .gitignore). A checkout with edits of its own is compared with itself.
tree_before="$(git status --porcelain 2>/dev/null || true)"
bash scripts/tools.sh || exit 1
bash scripts/fonts.sh || exit 1

echo "== type-check"
npx tsc --noEmit -p . || { echo "tests: 0 passed, 1 failed"; exit 1; }

rc=0
rm -f .dondoc/jest-unit.json .dondoc/jest-int.json
echo "== unit tier"
npx jest --selectProjects unit --json --outputFile=.dondoc/jest-unit.json "$@" || rc=1
echo "== integration tier (real Temporal test server and nats-server)"
# The tier runs in its own process group under a wall-clock limit (DONDOC_INT_TIMEOUT_S): whatever happens -- a
# server that never answers, a leaked child -- the run ends, every process it started is killed, and the summary
# line below is printed. --forceExit: a file that failed before its teardown must not keep jest waiting on open
# handles.
run_bounded "${DONDOC_INT_TIMEOUT_S:-2400}" "integration tier (DONDOC_INT_TIMEOUT_S)" \
  npx jest --selectProjects int --runInBand --forceExit --json --outputFile=.dondoc/jest-int.json "$@"
int_rc=$?
# A run the limit stopped has no trustworthy report: the summary counts it as failed.
if [ "$int_rc" -eq 124 ] || [ "$int_rc" -eq 137 ]; then rm -f .dondoc/jest-int.json; fi
[ "$int_rc" -eq 0 ] || rc=1

tree_failed=0
tree_after="$(git status --porcelain 2>/dev/null || true)"
if [ "$tree_after" != "$tree_before" ]; then
  echo "tree: the run changed what git sees (write such files under .dondoc/ or a temporary directory):"
  diff <(printf '%s\n' "$tree_before") <(printf '%s\n' "$tree_after") | grep -E '^[<>] .' || true
  rc=1; tree_failed=1
else
  echo "tree: unchanged by the run"
fi
TREE_FAILED=$tree_failed node -e '
  let passed = 0, failed = 0, skipped = 0, suitesFailed = 0;
  for (const f of process.argv.slice(1)) {
    try {
      const r = require(require("path").resolve(f));
      passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
      suitesFailed += r.numRuntimeErrorTestSuites || 0;
    } catch { failed += 1; }
  }
  failed += suitesFailed + Number(process.env.TREE_FAILED || 0);
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' .dondoc/jest-unit.json .dondoc/jest-int.json
exit $rc
