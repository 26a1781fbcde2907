#!/usr/bin/env bash
# The test bed: a real Docker engine, a registry on 127.0.0.1:5000 and local base images.
#
#   scripts/engine.sh up      install what is missing (Debian, root), start what is not running
#   scripts/engine.sh down    stop only what `up` started (by process id)
#   scripts/engine.sh status  say what answers
#
# Idempotent: an engine or registry that already answers is reused and never stopped by us.
# With STAGEGATE_ENGINE_SESSION set, `down` stops only what an `up` of the same session started,
# so a test run never stops an engine that another run (or a person) had started.
# Network settings follow shared/ENGINE.md: no default bridge (docker0 sits in 172.17/16, a
# range these machines may not reach), so builds and containers use --network=none or host.
set -euo pipefail

STATE_DIR=${STAGEGATE_ENGINE_STATE:-/tmp/stagegate-engine}
REGISTRY_ADDR=${STAGEGATE_REGISTRY:-127.0.0.1:5000}
BASE_IMAGE=${STAGEGATE_BASE_IMAGE:-local/busybox:1}
# Debian's 20.10 client drives the daemon's built-in BuildKit; a newer client without buildx cannot.
DOCKER=${STAGEGATE_DOCKER:-/usr/bin/docker}
[ -x "$DOCKER" ] || DOCKER=docker

log() { printf 'engine: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

engine_answers() { "$DOCKER" info >/dev/null 2>&1; }
registry_answers() { curl -fsS -o /dev/null --max-time 2 "http://$REGISTRY_ADDR/v2/" 2>/dev/null; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; run as root (apt-get install) or install them first"
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  log "installing ${missing[*]} (about a minute)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -x "${STAGEGATE_DOCKER:-/usr/bin/docker}" ] && DOCKER=${STAGEGATE_DOCKER:-/usr/bin/docker}
  return 0
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" && return 0
    sleep 0.2
  done
  die "$what did not answer within ${seconds}s"
}

start_engine() {
  if engine_answers; then
    log "reusing the Docker engine that already answers"
    return 0
  fi
  mkdir -p "$STATE_DIR"
  # Our own config file, so a system daemon.json cannot reintroduce the bridge.
  cat >"$STATE_DIR/daemon.json" <<'JSON'
{ "bridge": "none", "iptables": false, "ip-forward": false, "ip-masq": false, "storage-driver": "overlay2" }
JSON
  log "starting dockerd (bridge none, no iptables)"
  nohup dockerd --config-file "$STATE_DIR/daemon.json" >"$STATE_DIR/dockerd.log" 2>&1 &
  echo "$! ${STAGEGATE_ENGINE_SESSION:-}" >"$STATE_DIR/dockerd.pid"
  wait_for 60 "dockerd (log: $STATE_DIR/dockerd.log)" engine_answers
}

start_registry() {
  if registry_answers; then
    log "reusing the registry at $REGISTRY_ADDR"
    return 0
  fi
  mkdir -p "$STATE_DIR/registry"
  cat >"$STATE_DIR/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
YAML
  log "starting the registry at $REGISTRY_ADDR"
  nohup docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 &
  echo "$! ${STAGEGATE_ENGINE_SESSION:-}" >"$STATE_DIR/registry.pid"
  wait_for 20 "registry (log: $STATE_DIR/registry.log)" registry_answers
}

make_base_image() {
  if "$DOCKER" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    return 0
  fi
  local busybox rootfs
  busybox=$(command -v busybox || true)
  [ -n "$busybox" ] || die "no busybox binary to build $BASE_IMAGE from"
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root"
  cp "$busybox" "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  log "importing $BASE_IMAGE from $busybox"
  tar -C "$rootfs" -c . | "$DOCKER" import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

stop_started() { # stop_started NAME
  local pidfile="$STATE_DIR/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid session
  read -r pid session <"$pidfile"
  if [ -n "${STAGEGATE_ENGINE_SESSION:-}" ] && [ "$session" != "$STAGEGATE_ENGINE_SESSION" ]; then
    log "leaving $1 running: another session started it"
    return 0
  fi
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1 (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  up)
    install_packages
    start_engine
    start_registry
    make_base_image
    log "ready: client $DOCKER, registry $REGISTRY_ADDR, base image $BASE_IMAGE"
    ;;
  down)
    stop_started registry
    stop_started dockerd
    ;;
  status)
    engine_answers && log "docker engine answers" || log "docker engine not running"
    registry_answers && log "registry answers at $REGISTRY_ADDR" || log "registry not running"
    ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
