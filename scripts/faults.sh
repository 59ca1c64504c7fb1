#!/usr/bin/env bash
# The fault tests (npm run faults): real servers started, broken and restarted by each test file. Like the
# integration tier in scripts/test.sh, they run in their own process group under a wall-clock limit
# (DONDOC_FAULTS_TIMEOUT_S), so that an interrupted or hung run never leaves servers or workers behind.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/tools.sh || exit 1
timeout -k 30 "${DONDOC_FAULTS_TIMEOUT_S:-2400}" npx jest --selectProjects faults --runInBand --forceExit "$@" &
pid=$!
trap 'kill -TERM -- -"$pid" 2>/dev/null; exit 130' INT TERM
wait "$pid"
rc=$?
trap - INT TERM
kill -TERM -- -"$pid" 2>/dev/null || true
[ "$rc" -eq 124 ] && echo "fault tests: stopped after ${DONDOC_FAULTS_TIMEOUT_S:-2400} s (DONDOC_FAULTS_TIMEOUT_S)" >&2
exit "$rc"
