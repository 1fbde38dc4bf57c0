# infra/images/image-run.sh — sourced by smoke-test and compose-dry-run: runs a Jib image tarball (docker-archive)
# without Docker. The caller defines step, fail, WORK (scratch directory), LOGS (log directory) and the arrays pids
# and mounts (what its cleanup stops and unmounts, mounts in reverse order), and sets extra_env before each start.
# The rootfs gets its /etc/hosts from HOSTS_FILE when set, else the host's.

# unpack NAME MODULE: the image's layers, in manifest order, into $WORK/NAME/rootfs; its config into $WORK/NAME/config.json
unpack() {
  local name=$1 tarball="$2/target/jib-image.tar" dir="$WORK/$1"
  [ -s "$tarball" ] || fail "$tarball missing: build the images first (see the top of this script)"
  mkdir -p "$dir/image" "$dir/rootfs"
  tar -xf "$tarball" -C "$dir/image"
  local manifest="$dir/image/manifest.json"
  [ "$(jq length "$manifest")" = 1 ] || fail "$tarball: expected one image in manifest.json"
  jq -r '.[0].Layers[]' "$manifest" | while read -r layer; do
    tar --warning=no-unknown-keyword -xf "$dir/image/$layer" -C "$dir/rootfs"
    # OCI whiteouts: a later layer deleting a file of an earlier one
    find "$dir/rootfs" -name '.wh.*' -print0 | while IFS= read -r -d '' whiteout; do
      base=$(basename "$whiteout")
      if [ "$base" = .wh..wh..opq ]; then
        find "$(dirname "$whiteout")" -mindepth 1 -maxdepth 1 ! -name .wh..wh..opq -exec rm -rf {} +
      else
        rm -rf "$(dirname "$whiteout")/${base#.wh.}"
      fi
      rm -f "$whiteout"
    done
  done
  cp "$dir/image/$(jq -r '.[0].Config' "$manifest")" "$dir/config.json"
  step "$name: $(jq -r '.[0].RepoTags[0]' "$manifest"), $(jq '.[0].Layers | length' "$manifest") layers, user $(jq -r '.config.User // "root"' "$dir/config.json"), entrypoint: $(jq -c '.config.Entrypoint' "$dir/config.json")"
}

# start NAME [ARG...]: entrypoint + ARGs (or the image's Cmd when none), like `docker run IMAGE ARG...`; extra
# environment from the array `extra_env`; the host's network
start() {
  local name=$1 dir="$WORK/$1"; shift
  local rootfs="$dir/rootfs" config="$dir/config.json"
  mkdir -p "$rootfs/proc" "$rootfs/dev" "$rootfs/etc" "$rootfs/tmp"
  cp "${HOSTS_FILE:-/etc/hosts}" "$rootfs/etc/hosts"
  cp /etc/resolv.conf "$rootfs/etc/"
  # read-only root with a writable /tmp, as infra/k8s runs the services (readOnlyRootFilesystem + an emptyDir)
  mount --bind "$rootfs" "$rootfs"; mounts+=("$rootfs")
  mount -o remount,bind,ro "$rootfs"
  mount -t tmpfs -o mode=1777 tmpfs "$rootfs/tmp"; mounts+=("$rootfs/tmp")
  mount -t proc proc "$rootfs/proc"; mounts+=("$rootfs/proc")
  mount --bind /dev "$rootfs/dev"; mounts+=("$rootfs/dev")
  local workdir user
  workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
  [ "$workdir" = / ] || [ -z "$workdir" ] || fail "$name: WorkingDir $workdir (chroot here starts in /)"
  user=$(jq -r '.config.User // "0:0"' "$config")
  [[ "$user" =~ ^[0-9]+(:[0-9]+)?$ ]] || fail "$name: user '$user' is not numeric"
  local -a command env_vars
  mapfile -t command < <(jq -r '.config.Entrypoint[]' "$config")
  if [ $# -gt 0 ]; then command+=("$@"); else mapfile -t -O "${#command[@]}" command < <(jq -r '.config.Cmd // [] | .[]' "$config"); fi
  mapfile -t env_vars < <(jq -r '.config.Env // [] | .[]' "$config")
  env -i "${env_vars[@]}" "${extra_env[@]}" JAVA_TOOL_OPTIONS="-XX:MaxRAM=1g" \
    "$(command -v chroot)" --userspec="$user" "$rootfs" "${command[@]}" > "$LOGS/$name.log" 2>&1 &
  pids+=($!)
  eval "${name//-/_}_pid=$!"
}

ready() { # name url seconds pid
  for _ in $(seq 1 $(( $3 * 2 ))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$2")" = 200 ] && { step "$1 ready: $2 answered 200"; return 0; }
    kill -0 "$4" 2>/dev/null || { tail -n 20 "$LOGS/$1.log" >&2; fail "$1 exited during start; see $LOGS/$1.log"; }
    sleep 0.5
  done
  tail -n 20 "$LOGS/$1.log" >&2; fail "$1 not ready within $3 s; see $LOGS/$1.log"
}

