#!/usr/bin/env bash
# The test bed: real Docker engines, a registry on 127.0.0.1:5000 and local base images, so the
# end-to-end suite can run on each of the three builder paths a user (or a GitHub runner) meets.
#
#   scripts/engine.sh up [PATH...]   install what is missing (Debian, root), start what is not
#                                    running, write one env file per path (default: all paths)
#   scripts/engine.sh down           stop only what `up` started (by process id)
#   scripts/engine.sh status         say what answers, path by path
#   scripts/engine.sh env PATH       print the env file of PATH (fails when it is not set up)
#
# The paths (see shared/ENGINE.md):
#   classic    engine 20.10, Debian 12's client 20.10 driving the engine's built-in BuildKit,
#              a DOCKER_CONFIG without buildx                      -> builder kind "buildkit"
#   buildx-20  the same engine and client, a DOCKER_CONFIG with Debian 13's buildx 0.13.1
#              (docker driver, classic image store: no cache export) -> "buildx"
#   buildx-26  a second dockerd 26.1.5 (containerd image store) beside the first, its client 26
#              and buildx 0.13.1                                    -> "buildx"
#
# Each path's env file, $STATE_DIR/paths/<path>.env, holds KEY=VALUE lines (source it with
# `set -a; . FILE; set +a`): DOCKER_HOST (that path's engine socket), DOCKER_CONFIG (that path's
# own client config; never ~/.docker) and STAGEGATE_DOCKER (the client the action must use).
# The e2e harness loads it for STAGEGATE_E2E_PATH=<path>. A file exists only while its path
# works: `up` writes it after checking engine, client and base image; `down` removes it when it
# stops that path's engine.
#
# Engines by Debian suite, so the machine's own release does not matter (/etc/os-release):
# 20.10 is bookworm's docker.io, 26.1 is trixie's. On Debian 12 the 20.10 engine is the system's
# (apt-get install docker.io); other packages are fetched with a private apt configuration (the
# machine's own sources, suite names changed), cached under $STATE_DIR/debs, and unpacked with
# `dpkg -x` into $STATE_DIR/prefix/<suite>: nothing of them is installed system-wide. Every
# engine runs the machine's own /usr/sbin/runc: trixie's runc needs a newer glibc than bookworm's.
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
ALL_PATHS=(classic buildx-20 buildx-26)
CLASSIC_SUITE=bookworm
MODERN_SUITE=trixie
CLASSIC_SOCK=/var/run/docker.sock
MODERN_DIR=$STATE_DIR/engine26
MODERN_SOCK=$MODERN_DIR/docker.sock
# Only the engines named here are ours to talk to: a DOCKER_HOST or context from the caller's
# shell (perhaps a sourced env file) must not decide which engine `up` reuses.
unset DOCKER_HOST DOCKER_CONTEXT
export DOCKER_CONFIG=$STATE_DIR/config/plain

log() { printf 'engine: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case "$STATE_DIR" in *[[:space:]]*) die "STAGEGATE_ENGINE_STATE must not contain spaces: $STATE_DIR" ;; esac

native_suite() {
  local codename=''
  [ -r /etc/os-release ] && codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [ -z "$codename" ] && [ -r /etc/debian_version ]; then
    case "$(cut -d. -f1 /etc/debian_version)" in 12) codename=bookworm ;; 13) codename=trixie ;; esac
  fi
  echo "$codename"
}
NATIVE_SUITE=$(native_suite)

# Debian 12's own client and engine are 20.10; elsewhere bookworm's are unpacked into a prefix.
classic_from_system() { [ "$NATIVE_SUITE" = "$CLASSIC_SUITE" ] && [ -z "${STAGEGATE_CLASSIC_FROM_PREFIX:-}" ]; }
prefix_of() { echo "$STATE_DIR/prefix/$1"; }
if classic_from_system; then
  CLASSIC_DOCKER=/usr/bin/docker
else
  CLASSIC_DOCKER=$(prefix_of "$CLASSIC_SUITE")/usr/bin/docker
fi
MODERN_DOCKER=$(prefix_of "$MODERN_SUITE")/usr/bin/docker
BUILDX_PLUGIN=$(prefix_of "$MODERN_SUITE")/usr/libexec/docker/cli-plugins/docker-buildx

classic() { "$CLASSIC_DOCKER" -H "unix://$CLASSIC_SOCK" "$@"; }
modern() { "$MODERN_DOCKER" -H "unix://$MODERN_SOCK" "$@"; }
classic_answers() { [ -x "$CLASSIC_DOCKER" ] && classic info >/dev/null 2>&1; }
modern_answers() { [ -x "$MODERN_DOCKER" ] && [ -S "$MODERN_SOCK" ] && modern info >/dev/null 2>&1; }
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
}

# The machine's own Debian sources with its suite name replaced by SUITE (bookworm-security
# becomes trixie-security, ...): no mirror host is ever typed here.
write_sources() { # write_sources SUITE DIR
  local suite=$1 dir=$2 native=$NATIVE_SUITE
  [ -n "$native" ] || die "cannot tell this machine's Debian release (/etc/os-release, /etc/debian_version)"
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    sed -E "/^Suites:/ s/\\b$native\\b/$suite/g" /etc/apt/sources.list.d/debian.sources >"$dir/debian.sources"
  elif [ -r /etc/apt/sources.list ]; then
    grep -E '^deb[[:space:]]' /etc/apt/sources.list | sed -E "s/([[:space:]])$native(-[a-z]+)?([[:space:]])/\\1$suite\\2\\3/" \
      >"$dir/debian.list"
  else
    die "no Debian apt sources on this machine to take $suite's packages from"
  fi
}

# Downloads SUITE's PACKAGES once (cached .debs), unpacks them into the suite's prefix once.
fetch_suite() { # fetch_suite SUITE PACKAGE...
  local suite=$1
  shift
  local prefix apt debs
  prefix=$(prefix_of "$suite")
  [ -f "$prefix/.complete" ] && [ "$(cat "$prefix/.complete")" = "$*" ] && return 0
  apt=$STATE_DIR/apt/$suite
  debs=$STATE_DIR/debs/$suite
  mkdir -p "$apt/sources" "$apt/lists/partial" "$apt/cache/archives/partial" "$debs"
  local options=(-o Dir::Etc::sourcelist=/dev/null -o "Dir::Etc::sourceparts=$apt/sources"
    -o "Dir::State::lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root -qq)
  local package wanted=()
  for package in "$@"; do
    compgen -G "$debs/${package}_*.deb" >/dev/null || wanted+=("$package")
  done
  if [ ${#wanted[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "no apt-get to fetch $suite's ${wanted[*]}"
    write_sources "$suite" "$apt/sources"
    log "fetching $suite's ${wanted[*]} (private apt configuration in $apt)"
    apt-get "${options[@]}" update || die "apt-get update for $suite failed (see above)"
    (cd "$debs" && apt-get "${options[@]}" download "${wanted[@]}") || die "downloading $suite's ${wanted[*]} failed"
  fi
  rm -rf "$prefix"
  mkdir -p "$prefix"
  for package in "$@"; do dpkg -x "$(compgen -G "$debs/${package}_*.deb" | tail -n1)" "$prefix"; done
  # dockerd finds its helpers on PATH: the prefix's own, but the machine's runc.
  mkdir -p "$prefix/bin"
  local helper
  for helper in usr/sbin/dockerd usr/bin/docker usr/bin/containerd usr/bin/containerd-shim-runc-v2 \
    usr/sbin/docker-proxy; do
    [ -e "$prefix/$helper" ] && ln -sf "$prefix/$helper" "$prefix/bin/"
  done
  [ -e "$prefix/usr/bin/tini-static" ] && ln -sf "$prefix/usr/bin/tini-static" "$prefix/bin/docker-init"
  ln -sf /usr/sbin/runc "$prefix/bin/runc"
  echo "$*" >"$prefix/.complete"
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

start_classic_engine() {
  local dockerd=dockerd path=$PATH
  if ! classic_from_system; then
    # The 20.10 client is needed even to reuse a running engine.
    fetch_suite "$CLASSIC_SUITE" docker.io containerd tini
    dockerd=$(prefix_of "$CLASSIC_SUITE")/bin/dockerd
    path=$(prefix_of "$CLASSIC_SUITE")/bin:$PATH
  fi
  if classic_answers; then
    log "reusing the Docker engine that already answers at $CLASSIC_SOCK"
    return 0
  fi
  # Our own config file, so a system daemon.json cannot reintroduce the bridge.
  cat >"$STATE_DIR/daemon.json" <<'JSON'
{ "bridge": "none", "iptables": false, "ip-forward": false, "ip-masq": false, "storage-driver": "overlay2" }
JSON
  log "starting dockerd 20.10 (bridge none, no iptables)"
  PATH=$path nohup "$dockerd" --config-file "$STATE_DIR/daemon.json" >"$STATE_DIR/dockerd.log" 2>&1 9>&- &
  echo "$! ${STAGEGATE_ENGINE_SESSION:-}" >"$STATE_DIR/dockerd.pid"
  wait_for 60 "dockerd (log: $STATE_DIR/dockerd.log)" classic_answers
}

# A second engine beside the first, sharing nothing with it: data, exec state, pidfile, socket,
# config file and cgroup parent are its own; its own containerd runs under it.
start_modern_engine() {
  if modern_answers; then
    log "reusing the Docker engine 26 that already answers at $MODERN_SOCK"
    return 0
  fi
  local prefix
  prefix=$(prefix_of "$MODERN_SUITE")
  mkdir -p "$MODERN_DIR"
  cat >"$MODERN_DIR/daemon.json" <<'JSON'
{ "bridge": "none", "iptables": false, "ip6tables": false, "ip-forward": false, "ip-masq": false,
  "cgroup-parent": "/stagegate-engine26", "features": { "containerd-snapshotter": true } }
JSON
  log "starting dockerd 26 at $MODERN_SOCK (containerd image store)"
  PATH=$prefix/bin:$PATH nohup "$prefix/bin/dockerd" --config-file "$MODERN_DIR/daemon.json" \
    --data-root "$MODERN_DIR/data" --exec-root "$MODERN_DIR/exec" --pidfile "$MODERN_DIR/docker.pid" \
    -H "unix://$MODERN_SOCK" >"$MODERN_DIR/dockerd.log" 2>&1 9>&- &
  echo "$! ${STAGEGATE_ENGINE_SESSION:-}" >"$STATE_DIR/dockerd26.pid"
  wait_for 60 "dockerd 26 (log: $MODERN_DIR/dockerd.log)" modern_answers
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
  nohup docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 9>&- &
  echo "$! ${STAGEGATE_ENGINE_SESSION:-}" >"$STATE_DIR/registry.pid"
  wait_for 20 "registry (log: $STATE_DIR/registry.log)" registry_answers
}

make_base_image() { # make_base_image CLIENT-FUNCTION (classic|modern)
  local client=$1
  if "$client" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
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
  log "importing $BASE_IMAGE into the $client engine from $busybox"
  tar -C "$rootfs" -c . | "$client" import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

# A client configuration per path, with or without the buildx plugin.
make_config() { # make_config NAME [PLUGIN]
  local dir=$STATE_DIR/config/$1
  mkdir -p "$dir/cli-plugins"
  [ -f "$dir/config.json" ] || echo '{}' >"$dir/config.json"
  if [ -n "${2:-}" ]; then ln -sf "$2" "$dir/cli-plugins/docker-buildx"; else rm -f "$dir/cli-plugins/docker-buildx"; fi
  echo "$dir"
}

env_file() { echo "$STATE_DIR/paths/$1.env"; }

write_env() { # write_env PATH DOCKER_HOST DOCKER_CONFIG STAGEGATE_DOCKER
  mkdir -p "$STATE_DIR/paths"
  local file
  file=$(env_file "$1")
  printf '# written by scripts/engine.sh up: the %s path\nDOCKER_HOST=%s\nDOCKER_CONFIG=%s\nSTAGEGATE_DOCKER=%s\n' \
    "$1" "$2" "$3" "$4" >"$file.tmp"
  mv "$file.tmp" "$file"
}

# Checks what the action will see on the path: the engine answers through that client and that
# config, buildx is there exactly when the path has it.
check_path() { # check_path PATH
  local file
  file=$(env_file "$1")
  (
    set -a
    . "$file"
    set +a
    # A reused engine may not be the one the path stands for (Debian 13's own dockerd is 26).
    local version want=20.
    [ "$1" = buildx-26 ] && want=26.
    version=$("$STAGEGATE_DOCKER" version --format '{{.Server.Version}}' 2>/dev/null) || version=none
    case "$version" in "$want"*) ;; *) die "$1: the engine at $DOCKER_HOST is $version, not ${want}x" ;; esac
    "$STAGEGATE_DOCKER" image inspect "$BASE_IMAGE" >/dev/null 2>&1 || die "$1: $BASE_IMAGE is missing"
    if [ "$1" = classic ]; then
      ! "$STAGEGATE_DOCKER" buildx version >/dev/null 2>&1 || die "$1: buildx answers, but this path must not have it"
    else
      "$STAGEGATE_DOCKER" buildx version >/dev/null 2>&1 || die "$1: no buildx with $STAGEGATE_DOCKER"
    fi
  ) || {
    rm -f "$file"
    return 1
  }
}

up_path() { # up_path PATH
  rm -f "$(env_file "$1")"
  case "$1" in
    classic | buildx-20)
      start_classic_engine
      make_base_image classic
      if [ "$1" = classic ]; then
        write_env classic "unix://$CLASSIC_SOCK" "$(make_config classic)" "$CLASSIC_DOCKER"
      else
        fetch_suite "$MODERN_SUITE" docker-buildx docker.io docker-cli containerd tini
        write_env buildx-20 "unix://$CLASSIC_SOCK" "$(make_config buildx-20 "$BUILDX_PLUGIN")" "$CLASSIC_DOCKER"
      fi
      ;;
    buildx-26)
      fetch_suite "$MODERN_SUITE" docker-buildx docker.io docker-cli containerd tini
      start_modern_engine
      make_base_image modern
      write_env buildx-26 "unix://$MODERN_SOCK" "$(make_config buildx-26 "$BUILDX_PLUGIN")" "$MODERN_DOCKER"
      ;;
    *) die "unknown path '$1': one of ${ALL_PATHS[*]}" ;;
  esac
  check_path "$1"
  log "path $1 ready: $(env_file "$1")"
}

stop_started() { # stop_started NAME  (returns 0 when NAME is not running any more because of us)
  local pidfile="$STATE_DIR/$1.pid"
  [ -f "$pidfile" ] || return 1
  local pid session
  read -r pid session <"$pidfile"
  if [ -n "${STAGEGATE_ENGINE_SESSION:-}" ] && [ "$session" != "$STAGEGATE_ENGINE_SESSION" ]; then
    log "leaving $1 running: another session started it"
    return 1
  fi
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1 (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

describe_path() { # describe_path PATH
  local file
  file=$(env_file "$1")
  if [ ! -f "$file" ]; then
    log "$1: not set up (scripts/engine.sh up $1)"
    return 0
  fi
  (
    set -a
    . "$file"
    set +a
    if version=$("$STAGEGATE_DOCKER" version --format '{{.Server.Version}}' 2>/dev/null); then
      buildx=$("$STAGEGATE_DOCKER" buildx version 2>/dev/null | awk '{print $2}') || buildx=none
      log "$1: engine $version, client $STAGEGATE_DOCKER, buildx ${buildx:-none} ($file)"
    else
      log "$1: env file present but its engine does not answer at $DOCKER_HOST"
    fi
  )
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  up)
    paths=("$@")
    [ ${#paths[@]} -gt 0 ] || paths=("${ALL_PATHS[@]}")
    mkdir -p "$STATE_DIR"
    # Two `up`s at once (two test runs) would both fetch and both start an engine.
    exec 9>"$STATE_DIR/up.lock"
    flock 9
    install_packages
    start_registry
    failed=()
    for p in "${paths[@]}"; do
      # A subshell: one path that cannot be set up leaves the others usable. (Not `(...) ||`:
      # bash would then ignore set -e inside it.)
      set +e
      (
        set -e
        up_path "$p"
      )
      status=$?
      set -e
      [ $status -eq 0 ] || failed+=("$p")
    done
    [ ${#failed[@]} -eq 0 ] || die "not set up: ${failed[*]}"
    log "ready: registry $REGISTRY_ADDR, base image $BASE_IMAGE, paths ${paths[*]} (env files in $STATE_DIR/paths)"
    ;;
  down)
    stop_started registry || true
    if stop_started dockerd26; then rm -f "$(env_file buildx-26)"; fi
    if stop_started dockerd; then rm -f "$(env_file classic)" "$(env_file buildx-20)"; fi
    ;;
  status)
    registry_answers && log "registry answers at $REGISTRY_ADDR" || log "registry not running"
    for p in "${ALL_PATHS[@]}"; do describe_path "$p"; done
    ;;
  env)
    [ -n "${1:-}" ] || die "usage: $0 env PATH"
    [ -f "$(env_file "$1")" ] || die "$1 path not set up: run scripts/engine.sh up $1"
    cat "$(env_file "$1")"
    ;;
  *)
    echo "usage: $0 up [classic|buildx-20|buildx-26 ...] | down | status | env PATH" >&2
    exit 2
    ;;
esac
