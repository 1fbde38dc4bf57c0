#!/usr/bin/env bash
# Part of bench/scripts/scale (sourced by it; not a benchmark of its own, hence not executable): one worker-service
# process with a given concurrency, full-syncing emulator accounts, sampled once a second for its RSS (from /proc) and
# heap (from its Prometheus endpoint) while the ledger shows its syncs running. Prints one JSON object on stdout.
# The worker's Postgres is a private cluster (initdb in a scratch directory, max_connections 300): the shared server's
# 100 connections are mostly taken by other people's tests, and a 200-sync worker must not starve them.
# Usage: worker_memory CONCURRENCY ACCOUNTS SECONDS (SECONDS / 2 samples are taken)
# Diagnostics (SCALE_WORKER_DIAG=<dir>, off by default: NMT costs memory of its own, so such a run is no figure):
# NMT summary, live threads by name (trailing numbers dropped), smaps_rollup and the heap; with "gc", after a full GC.
worker_memory_diagnostics() {
  local pid=$1 out=$2
  mkdir -p "$(dirname "$out")"
  [ "${3:-}" = gc ] && jcmd "$pid" GC.run >/dev/null 2>&1
  {
    date -u; echo "load: $(cat /proc/loadavg)"; echo
    jcmd "$pid" VM.native_memory summary 2>&1
    echo; echo "== threads by name"
    jcmd "$pid" Thread.print 2>/dev/null | sed -nE 's/^"([^"]*)".*/\1/p' | sed -E 's/[-#_ ]?[0-9]+$//; s/[0-9]+$//' \
      | sort | uniq -c | sort -rn
    echo; echo "== GC.heap_info"; jcmd "$pid" GC.heap_info 2>&1
    echo; echo "== jstat -gc (collections and their seconds so far)"; jstat -gc "$pid" 2>&1
    echo; echo "== smaps_rollup"; cat "/proc/$pid/smaps_rollup"
    echo; echo "== status"; grep -E '^(VmRSS|VmHWM|RssAnon|RssFile|Threads)' "/proc/$pid/status"
  } > "$out.txt" 2>&1
  echo "[scale] diagnostics: $out.txt" >&2
}
worker_memory() {
  local concurrency=$1 accounts=$2 seconds=$3
  local tag db emulator_port worker_port dashboard_port dir
  tag=$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')
  db="syncplane_bench_scale_worker_$tag"
  dir=$(mktemp -d)
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
  emulator_port=$(free_port); worker_port=$(free_port); dashboard_port=$(free_port)
  local pg_port pg_bin
  pg_port=$(free_port)
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  mkdir -p "$dir/pg" && [ "$(id -u)" = 0 ] && chown postgres "$dir" "$dir/pg"
  as_postgres "$pg_bin/initdb" -D "$dir/pg" -U postgres -A trust >/dev/null || return 2
  as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/log" -w -o "-p $pg_port -k $dir/pg -c max_connections=300" \
    start >/dev/null || { cat "$dir/pg/log" >&2; return 2; }
  local pg=(psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA)
  "${pg[@]}" -d postgres -c "CREATE DATABASE $db" >&2
  local emulator_pid="" worker_pid=""
  cleanup_worker_memory() {
    [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
    as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null
    redis-cli -h 127.0.0.1 -p 6379 --scan --pattern "bench:scale-worker:$tag:*" | xargs -r -n 500 redis-cli -h 127.0.0.1 -p 6379 unlink >/dev/null
    rm -rf "$dir"
  }
  # Quotas on, as Google: full syncs of 2,000-message mailboxes are paced per user, so runs overlap for minutes.
  java -Xmx3g -jar google-emulator/target/syncplane-google-emulator-*-standalone.jar --port "$emulator_port" \
    --users "$accounts" --messages-per-user "${SCALE_WORKER_MESSAGES:-2000}" --seed 7 --threads 400 \
    > "$dir/emulator.log" 2>&1 &
  emulator_pid=$!
  local up=""
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$emulator_port/admin" >/dev/null 2>&1 && { up=1; break; }
    sleep 0.5
  done
  [ -n "$up" ] || { tail -n 20 "$dir/emulator.log" >&2; cleanup_worker_memory; return 2; }
  local credentials client_id client_secret
  credentials=$(curl -fs "http://127.0.0.1:$emulator_port/admin/users/user00001@example.test/credentials")
  client_id=$(printf '%s' "$credentials" | sed -E 's/.*"clientId":"([^"]+)".*/\1/')
  client_secret=$(printf '%s' "$credentials" | sed -E 's/.*"clientSecret":"([^"]+)".*/\1/')
  # The JVM runs with the image's flags (worker-service/src/main/jib/opt/syncplane/worker.jvm.options, the one place
  # they are set) and sizes itself as in a container of SCALE_WORKER_MAX_RAM (1g): -XX:MaxRAM stands in for the
  # container's limit, so MaxRAMPercentage=75 gives the 768 MiB heap a 1 GiB container gives. RSS then shows whether
  # the worker fits such a container. The pool follows application.yml's advice: concurrency + a few.
  local diag_flags=()
  [ -n "${SCALE_WORKER_DIAG:-}" ] && diag_flags=(-XX:NativeMemoryTracking=summary)
  SYNCPLANE_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/$db" SYNCPLANE_DB_USER=postgres SYNCPLANE_DB_PASSWORD= \
  SYNCPLANE_DB_POOL_SIZE="${SCALE_WORKER_POOL:-$((concurrency + 10))}" \
  SYNCPLANE_REDIS_URI=redis://127.0.0.1:6379 SYNCPLANE_CRYPTO_KEY_K1="$(head -c 32 /dev/urandom | base64)" \
  SYNCPLANE_GOOGLE_ROOT_URL="http://127.0.0.1:$emulator_port/" SYNCPLANE_GOOGLE_TOKEN_URL="http://127.0.0.1:$emulator_port/token" \
  SYNCPLANE_WORKER_PORT="$worker_port" SYNCPLANE_JOBRUNR_DASHBOARD_PORT="$dashboard_port" \
  java "-XX:MaxRAM=${SCALE_WORKER_MAX_RAM:-1g}" @worker-service/src/main/jib/opt/syncplane/worker.jvm.options \
    "${diag_flags[@]}" -jar worker-service/target/syncplane-worker-service-*-exec.jar \
    --syncplane.redis.key-prefix="bench:scale-worker:$tag:" \
    --syncplane.google.clients[0].id="$client_id" --syncplane.google.clients[0].secret="$client_secret" \
    --syncplane.demo.emulator-admin-url="http://127.0.0.1:$emulator_port/admin" --syncplane.demo.accounts="$accounts" \
    --syncplane.worker.concurrency="$concurrency" \
    --syncplane.limits.requests.rate=20 --syncplane.limits.requests.burst=5 --syncplane.limits.requests.max-wait=30s \
    > "$dir/worker.log" 2>&1 &
  worker_pid=$!
  # one sample a second while at least 90 % of the concurrency is running (the first 10 s of that are skipped: ramp-up),
  # until SECONDS / 2 samples or SECONDS + 240 s after the start (the JVM's start and linking the accounts take a while
  # on a loaded machine)
  local rss_samples=() heap_samples=() running_samples=() committed_samples=() nonheap_samples=() thread_samples=() t=0 concurrent_s=0 peak_running=0
  local floor=$(( concurrency * 9 / 10 ))
  while [ "${#rss_samples[@]}" -lt $((seconds / 2)) ] && [ "$t" -lt $((seconds + 240)) ]; do
    sleep 1; t=$((t + 1))
    kill -0 "$worker_pid" 2>/dev/null || { tail -n 30 "$dir/worker.log" >&2; cleanup_worker_memory; return 2; }
    local running rss heap committed nonheap threads
    running=$("${pg[@]}" -d "$db" -c "SELECT count(*) FROM sync_state WHERE status = 'syncing'" 2>/dev/null || echo 0)
    running=${running:-0}
    [ "$running" -gt "$peak_running" ] && peak_running=$running
    if [ "$running" -ge "$floor" ]; then
      concurrent_s=$((concurrent_s + 1))
      if [ "$concurrent_s" -gt 10 ]; then
        rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$worker_pid/status")
        curl -fs "http://127.0.0.1:$worker_port/actuator/prometheus" > "$dir/metrics" || true
        heap=$(awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%.0f", sum / 1024}' "$dir/metrics")
        committed=$(awk '/^jvm_memory_committed_bytes\{.*area="heap"/ {sum += $NF} END {printf "%.0f", sum / 1024}' "$dir/metrics")
        nonheap=$(awk '/^jvm_memory_used_bytes\{.*area="nonheap"/ {sum += $NF} END {printf "%.0f", sum / 1024}' "$dir/metrics")
        threads=$(awk '/^jvm_threads_live_threads/ {printf "%.0f", $NF}' "$dir/metrics")
        rss_samples+=("$rss"); heap_samples+=("$heap"); running_samples+=("$running")
        [ -n "${SCALE_WORKER_DIAG:-}" ] && [ "${#rss_samples[@]}" -eq $((seconds / 4)) ] \
          && worker_memory_diagnostics "$worker_pid" "$SCALE_WORKER_DIAG/c$concurrency-mid"
        committed_samples+=("$committed"); nonheap_samples+=("$nonheap"); thread_samples+=("${threads:-0}")
      fi
    fi
  done
  [ -n "${SCALE_WORKER_DIAG:-}" ] && worker_memory_diagnostics "$worker_pid" "$SCALE_WORKER_DIAG/c$concurrency-end" gc
  local hwm
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$worker_pid/status")
  local synced
  synced=$("${pg[@]}" -d "$db" -c "SELECT (SELECT count(*) FROM gmail_message) + (SELECT count(*) FROM calendar_event) + (SELECT count(*) FROM contact) + (SELECT count(*) FROM task)")
  cleanup_worker_memory
  if [ "${#rss_samples[@]}" -eq 0 ]; then
    echo "[scale] worker at concurrency $concurrency never ran $floor syncs at once for over 10 s (peak $peak_running)" >&2
    return 2
  fi
  python3 - "$concurrency" "$accounts" "$seconds" "$peak_running" "$hwm" "$synced" \
    "${rss_samples[*]}" "${heap_samples[*]}" "${running_samples[*]}" "${committed_samples[*]}" \
    "${nonheap_samples[*]}" "${thread_samples[*]}" <<'PY'
import json, statistics, sys
c, accounts, seconds, peak, hwm, synced = (int(x) for x in sys.argv[1:7])
rss, heap, running, committed, nonheap, threads = ([int(v) for v in a.split()] for a in sys.argv[7:13])
mib = lambda kib: round(kib / 1024)
print(json.dumps({"concurrency": c, "accounts": accounts, "seconds": seconds, "samples": len(rss),
    "running_median": statistics.median(running), "running_peak": peak,
    "rss_mib_median": mib(statistics.median(rss)), "rss_mib_max": mib(max(rss)), "rss_mib_peak_hwm": mib(hwm),
    "heap_used_mib_median": mib(statistics.median(heap)), "heap_used_mib_max": mib(max(heap)),
    "heap_committed_mib_median": mib(statistics.median(committed)),
    "nonheap_used_mib_median": mib(statistics.median(nonheap)), "threads_median": statistics.median(threads),
    "rows_synced": synced}, separators=(",", ":")))
PY
}
