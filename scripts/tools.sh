#!/usr/bin/env bash
# Installs dondoc's pinned toolchain from the package registries only, into .dondoc/tools (git-ignored).
# Idempotent: a tool already built at its pinned version is reused, so a second run takes seconds.
#   scripts/tools.sh [temporal] [nats] [test-server]   (default: all)
# Prints nothing but progress on stderr; `scripts/tools.sh --env` prints the tool paths as shell variables.
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

# go install into a private GOBIN, then move the binary into place atomically.
go_install() { # module@version target
  local module="$1" target="$2" dir tmp
  need go "build $module" "Install Go 1.23 or later (e.g. apt-get install golang, or from the Go distribution)."
  dir="$(dirname "$target")"; tmp="$dir.tmp.$$"
  mkdir -p "$tmp"
  log "building $module (first run only; a few minutes)"
  GOBIN="$tmp" GOFLAGS="${GOFLAGS:--buildvcs=false}" go install "$module" || { rm -rf "$tmp"; die "go install $module failed"; }
  mkdir -p "$dir"; mv "$tmp/$(basename "$target")" "$target"; rm -rf "$tmp"
}

install_temporal() {
  [ -x "$TEMPORAL_BIN" ] && return 0
  go_install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" "$TEMPORAL_BIN"
}

install_nats() {
  [ -x "$NATS_BIN" ] && return 0
  go_install "github.com/nats-io/nats-server/v2@$NATS_SERVER_VERSION" "$NATS_BIN"
}

install_test_server() {
  [ -x "$TEST_SERVER_BIN" ] && [ -f "$TEST_SERVER_DIR/.complete" ] && return 0
  need java "run the Temporal time-skipping test server" "Install a JDK 11+ (e.g. apt-get install openjdk-17-jdk-headless)."
  need mvn "fetch io.temporal:temporal-test-server from Maven Central" "Install Maven (e.g. apt-get install maven)."
  log "fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION and its classpath with Maven"
  rm -rf "$TEST_SERVER_DIR"; mkdir -p "$TEST_SERVER_DIR/lib"
  mvn -B -q -f "$ROOT/scripts/tools/temporal-test-server.pom.xml" -DtestServerVersion="$TEST_SERVER_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$TEST_SERVER_DIR/lib" \
    || die "Maven could not resolve io.temporal:temporal-test-server:$TEST_SERVER_VERSION"
  # @temporalio/testing runs this as an `existing-path` executable with the port as its argument and kills
  # only its direct child, so the wrapper must exec java rather than fork it.
  cat >"$TEST_SERVER_BIN" <<WRAP
#!/usr/bin/env bash
exec java \${DONDOC_TEST_SERVER_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -cp "$TEST_SERVER_DIR/lib/*" io.temporal.testserver.TestServer "\$@"
WRAP
  chmod +x "$TEST_SERVER_BIN"
  touch "$TEST_SERVER_DIR/.complete"
}

main() {
  if [ "${1:-}" = "--env" ]; then print_env; return 0; fi
  mkdir -p "$TOOLS"
  # One installer at a time (jest global setup and `dondoc up` may race on a fresh machine).
  exec 9>"$TOOLS/.lock"
  flock 9
  local want=("$@"); [ ${#want[@]} -eq 0 ] && want=(temporal nats test-server)
  for t in "${want[@]}"; do
    case "$t" in
      temporal) install_temporal ;;
      nats) install_nats ;;
      test-server) install_test_server ;;
      *) die "unknown tool '$t' (expected temporal, nats or test-server)" ;;
    esac
  done
  log "ready: temporal $TEMPORAL_CLI_VERSION, nats-server $NATS_SERVER_VERSION, temporal-test-server $TEST_SERVER_VERSION in $TOOLS"
}

main "$@"
