#!/usr/bin/env bash
# Installs dondoc's pinned toolchain from the package registries only, into .dondoc/tools (git-ignored).
# Idempotent: a tool already built at its pinned version is reused, so a second run takes seconds.
#   scripts/tools.sh [temporal] [nats] [test-server]   (default: all)
# Prints nothing but progress on stderr (each step, its usual duration, where it goes; build output in
# .dondoc/tools/logs/); `scripts/tools.sh --env` prints the tool paths as shell variables.
set -euo pipefail

TEMPORAL_CLI_VERSION=v1.5.1          # server 1.29.1 with pure-Go SQLite; v1.6+ cannot be `go install`ed
NATS_SERVER_VERSION=v2.12.15         # JetStream; Debian's 2.9 is too old
TEST_SERVER_VERSION=1.38.0           # io.temporal:temporal-test-server (Java time-skipping server)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${DONDOC_TOOLS_DIR:-$ROOT/.dondoc/tools}"
TEMPORAL_BIN="$TOOLS/temporal-$TEMPORAL_CLI_VERSION/temporal"
NATS_BIN="$TOOLS/nats-server-$NATS_SERVER_VERSION/nats-server"
TEST_SERVER_DIR="$TOOLS/temporal-test-server-$TEST_SERVER_VERSION"
TEST_SERVER_BIN="$TEST_SERVER_DIR/temporal-test-server"

log() { printf '[tools] %s\n' "$*" >&2; }
die() { printf '[tools] error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required to $2 but was not found on PATH. $3"; }

print_env() {
  printf 'DONDOC_TEMPORAL_BIN=%q\nDONDOC_NATS_BIN=%q\nDONDOC_TEST_SERVER_BIN=%q\n' "$TEMPORAL_BIN" "$NATS_BIN" "$TEST_SERVER_BIN"
}

# Build output goes to a log per tool; the terminal gets one progress line (updated in place on a terminal, every
# 30 s otherwise) and, on failure, the log's last lines and its path.
LOGS="$TOOLS/logs"
STEP=0; STEPS=0

# Runs a command in the background with its output in $log, showing the elapsed time against the usual duration.
with_progress() { # what usual log cmd...
  local what="$1" usual="$2" log="$3"; shift 3
  mkdir -p "$LOGS"; : >"$log"
  local start=$SECONDS pid rc=0 last=-30 line
  "$@" >>"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    line="$(printf '[tools] %s: %ds (usually %s)' "$what" "$((SECONDS - start))" "$usual")"
    if [ -t 2 ]; then printf '\r%s ' "$line" >&2
    elif [ $((SECONDS - last)) -ge 30 ]; then printf '%s\n' "$line" >&2; last=$SECONDS; fi
    sleep 1
  done
  wait "$pid" || rc=$?
  [ -t 2 ] && printf '\r\033[K' >&2
  if [ "$rc" -ne 0 ]; then
    printf '[tools] %s failed after %ds; the last lines of %s:\n' "$what" "$((SECONDS - start))" "$log" >&2
    tail -n 15 "$log" | sed 's/^/[tools]   /' >&2
    return "$rc"
  fi
  log "$what: done in $((SECONDS - start)) s"
}

# go install into a private GOBIN, then move the binary into place atomically.
go_install() { # module@version target name usual
  local module="$1" target="$2" name="$3" usual="$4" dir tmp
  need go "build $module" "Install Go 1.23 or later (e.g. apt-get install golang, or from the Go distribution)."
  dir="$(dirname "$target")"; tmp="$dir.tmp.$$"
  mkdir -p "$tmp"
  STEP=$((STEP + 1))
  log "step $STEP/$STEPS: building $name from the Go module proxy (first run only, usually $usual on 2 cores)"
  log "  into $dir; Go's downloads are cached in $(go env GOMODCACHE 2>/dev/null || echo '$GOPATH/pkg/mod')"
  with_progress "building $name" "$usual" "$LOGS/$name.log" \
    env GOBIN="$tmp" GOFLAGS="${GOFLAGS:--buildvcs=false}" go install "$module" \
    || { rm -rf "$tmp"; die "go install $module failed (full log: $LOGS/$name.log)"; }
  mkdir -p "$dir"; mv "$tmp/$(basename "$target")" "$target"; rm -rf "$tmp"
}

install_temporal() {
  [ -x "$TEMPORAL_BIN" ] && return 0
  go_install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" "$TEMPORAL_BIN" \
    "temporal-$TEMPORAL_CLI_VERSION" "2-3 minutes"
}

install_nats() {
  [ -x "$NATS_BIN" ] && return 0
  go_install "github.com/nats-io/nats-server/v2@$NATS_SERVER_VERSION" "$NATS_BIN" \
    "nats-server-$NATS_SERVER_VERSION" "about 1 minute"
}

install_test_server() {
  [ -x "$TEST_SERVER_BIN" ] && [ -f "$TEST_SERVER_DIR/.complete" ] && return 0
  need java "run the Temporal time-skipping test server" "Install a JDK 11+ (e.g. apt-get install openjdk-17-jdk-headless)."
  need mvn "fetch io.temporal:temporal-test-server from Maven Central" "Install Maven (e.g. apt-get install maven)."
  STEP=$((STEP + 1))
  log "step $STEP/$STEPS: fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION and its classpath with Maven"
  log "  (first run only, usually under a minute) into $TEST_SERVER_DIR; Maven caches its downloads in ~/.m2"
  rm -rf "$TEST_SERVER_DIR"; mkdir -p "$TEST_SERVER_DIR/lib"
  with_progress "fetching temporal-test-server-$TEST_SERVER_VERSION" "under a minute" \
    "$LOGS/temporal-test-server-$TEST_SERVER_VERSION.log" \
    mvn -B -f "$ROOT/scripts/tools/temporal-test-server.pom.xml" -DtestServerVersion="$TEST_SERVER_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$TEST_SERVER_DIR/lib" \
    || die "Maven could not resolve io.temporal:temporal-test-server:$TEST_SERVER_VERSION (full log: $LOGS/temporal-test-server-$TEST_SERVER_VERSION.log)"
  # @temporalio/testing runs this as an `existing-path` executable with the port as its argument and kills
  # only its direct child, so the wrapper must exec java rather than fork it.
  cat >"$TEST_SERVER_BIN" <<WRAP
#!/usr/bin/env bash
exec java \${DONDOC_TEST_SERVER_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -cp "$TEST_SERVER_DIR/lib/*" io.temporal.testserver.TestServer "\$@"
WRAP
  chmod +x "$TEST_SERVER_BIN"
  touch "$TEST_SERVER_DIR/.complete"
}

# True when a tool is not yet in the cache (the installers below check the same files).
missing() {
  case "$1" in
    temporal) [ ! -x "$TEMPORAL_BIN" ] ;;
    nats) [ ! -x "$NATS_BIN" ] ;;
    test-server) [ ! -x "$TEST_SERVER_BIN" ] || [ ! -f "$TEST_SERVER_DIR/.complete" ] ;;
    *) return 1 ;;
  esac
}

main() {
  if [ "${1:-}" = "--env" ]; then print_env; return 0; fi
  mkdir -p "$TOOLS"
  # One installer at a time (jest global setup and `dondoc up` may race on a fresh machine).
  exec 9>"$TOOLS/.lock"
  flock 9
  local want=("$@"); [ ${#want[@]} -eq 0 ] && want=(temporal nats test-server)
  local t
  for t in "${want[@]}"; do missing "$t" && STEPS=$((STEPS + 1)); done
  if [ "$STEPS" -gt 0 ]; then
    log "first run: $STEPS tool(s) to build or fetch into $TOOLS (git-ignored, reused by every later run)"
  fi
  for t in "${want[@]}"; do
    case "$t" in
      temporal) install_temporal ;;
      nats) install_nats ;;
      test-server) install_test_server ;;
      *) die "unknown tool '$t' (expected temporal, nats or test-server)" ;;
    esac
  done
  log "ready: temporal $TEMPORAL_CLI_VERSION, nats-server $NATS_SERVER_VERSION, temporal-test-server $TEST_SERVER_VERSION in $TOOLS"
  [ "$STEPS" -eq 0 ] || log "build logs: $LOGS"
}

main "$@"
