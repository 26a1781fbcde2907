#!/usr/bin/env bash
# Makes the base image local/node:20 from this machine's own Node: the test bed pulls nothing, so
# examples/node-service builds FROM an image made here. The node binary with the libraries `ldd`
# lists, a static busybox for /bin/sh and coreutils, root and a `node` user (uid 1000), /tmp.
#
#   bash scripts/make-node-image.sh [IMAGE]      # default local/node:20
#
# Idempotent: does nothing when the engine already has the image. Talks to whatever engine
# DOCKER_HOST (and DOCKER_CONFIG) name, with $STAGEGATE_DOCKER or `docker`, so it serves every
# path of the test bed (set -a; . /tmp/stagegate-engine/paths/PATH.env; set +a).
set -euo pipefail

IMAGE=${1:-${STAGEGATE_NODE_IMAGE:-local/node:20}}
DOCKER=${STAGEGATE_DOCKER:-docker}
NODE=${STAGEGATE_NODE_BINARY:-$(command -v node || true)}

log() { printf 'make-node-image: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE is already there"
  exit 0
fi

[ -n "$NODE" ] && [ -x "$NODE" ] || die "no node binary on PATH (or STAGEGATE_NODE_BINARY) to build $IMAGE from"
NODE=$(readlink -f "$NODE")
BUSYBOX=$(command -v busybox || true)
[ -n "$BUSYBOX" ] || die "no busybox binary (Debian: apt-get install busybox-static)"
# A dynamically linked busybox would need its own libraries; the static one needs none.
if ldd "$BUSYBOX" >/dev/null 2>&1; then die "$BUSYBOX is dynamically linked; install busybox-static"; fi

ROOTFS=$(mktemp -d)
trap 'rm -rf "$ROOTFS"' EXIT
mkdir -p "$ROOTFS"/{bin,usr/local/bin,etc,root,home/node,tmp}
chmod 1777 "$ROOTFS/tmp"
cp "$NODE" "$ROOTFS/usr/local/bin/node"

# Each library at the path the dynamic loader resolved it to (`name => /path (addr)` or
# `/lib64/ld-linux-x86-64.so.2 (addr)`), copied through symlinks so the file itself lands there.
ldd "$NODE" | awk '/=> \// { print $3 } /^[[:space:]]*\// { print $1 }' | while read -r lib; do
  mkdir -p "$ROOTFS$(dirname "$lib")"
  cp -L "$lib" "$ROOTFS$lib"
done

cp "$BUSYBOX" "$ROOTFS/bin/busybox"
for applet in $("$ROOTFS/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$ROOTFS/bin/$applet"
done

printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' \
  >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$ROOTFS/etc/group"
chown 1000:1000 "$ROOTFS/home/node" 2>/dev/null || true

# The image runs node as the smoke test: a binary missing a library fails here, not in a build.
"$ROOTFS/usr/local/bin/node" --version >/dev/null || die "$NODE does not run"
log "importing $IMAGE from $NODE ($("$NODE" --version)) and $BUSYBOX"
tar --numeric-owner -C "$ROOTFS" -c . | "$DOCKER" import \
  -c 'ENV PATH=/usr/local/bin:/bin' \
  -c 'ENV NODE_VERSION='"$("$NODE" --version | sed 's/^v//')" \
  -c 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
"$DOCKER" run --rm --network none "$IMAGE" node -e 'process.exit(0)' ||
  die "$IMAGE was imported but node does not start in it"
log "$IMAGE ready"
