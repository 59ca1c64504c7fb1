# Sourced by scripts/test.sh and scripts/faults.sh.
#
# run_bounded SECONDS LABEL COMMAND...: runs COMMAND in its own process group under a wall-clock limit, and on
# return, Ctrl-C or SIGTERM kills whatever is left of that group (servers, workers, a hung jest). Returns the
# command's exit status (124 or 137 when the limit stopped it, after saying so on stderr).
run_bounded() {
  local limit=$1 label=$2
  shift 2
  timeout -k 30 "$limit" "$@" &
  local pid=$!
  # shellcheck disable=SC2064 # the pid is meant to be expanded now
  trap "kill -TERM -- -$pid 2>/dev/null; exit 130" INT TERM
  wait "$pid"
  local rc=$?
  trap - INT TERM
  kill -TERM -- -"$pid" 2>/dev/null || true
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then echo "$label: stopped after $limit s" >&2; fi
  return "$rc"
}
