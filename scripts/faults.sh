#!/usr/bin/env bash
# The fault tests (npm run faults): real servers started, broken and restarted by each test file. Like the
# integration tier in scripts/test.sh, they run in their own process group under a wall-clock limit
# (DONDOC_FAULTS_TIMEOUT_S), so that an interrupted or hung run never leaves servers or workers behind.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/bounded.sh
source scripts/lib/bounded.sh
bash scripts/tools.sh || exit 1
run_bounded "${DONDOC_FAULTS_TIMEOUT_S:-2400}" "fault tests (DONDOC_FAULTS_TIMEOUT_S)" \
  npx jest --selectProjects faults --runInBand --forceExit "$@"
