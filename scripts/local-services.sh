# Sourced by .ci/run and ./demo: makes sure Java, PostgreSQL (127.0.0.1:5432, trust auth, database 'test') and
# Redis (127.0.0.1:6379) are there and running, installing them with apt-get when missing.

log() { printf '[setup] %s\n' "$*"; }

apt_install() {
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$@" >/dev/null
}

pg_ready() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  if ! pg_ready; then
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    log "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || { echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }
  # The tests connect as postgres over TCP without a password and use database 'test'.
  local hba
  hba=$(su postgres -c "psql -tAc 'SHOW hba_file'")
  if ! su postgres -c "psql -h 127.0.0.1 -d postgres -tAc 'select 1'" </dev/null >/dev/null 2>&1; then
    log "enabling trust auth for 127.0.0.1 in $hba"
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    su postgres -c "psql -tAc 'select pg_reload_conf()'" >/dev/null
  fi
  su postgres -c "psql -h 127.0.0.1 -tAc \"select 1 from pg_database where datname='test'\"" | grep -q 1 \
    || su postgres -c "createdb -h 127.0.0.1 test"
}

ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server
  fi
  if ! redis_ready; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  for _ in $(seq 1 30); do redis_ready && break; sleep 1; done
  redis_ready || { echo "Redis did not come up on 127.0.0.1:6379" >&2; exit 1; }
}

ensure_java() {
  if ! command -v java >/dev/null 2>&1; then
    apt_install openjdk-17-jdk-headless
  fi
}


# The alert-rule tests run promtool (Debian's prometheus package) and the status-page test drives Debian's chromium
# through chromedriver; both are installed when missing. The Prometheus server the package brings is not needed.
ensure_promtool() {
  if ! command -v promtool >/dev/null 2>&1; then
    apt_install prometheus
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
}

# docker-compose (1.29, Debian's) validates infra/docker-compose.yml in the tests (`docker-compose config`); no daemon
# is needed for that. Without it that one check is skipped with a warning.
ensure_docker_compose() {
  if ! command -v docker-compose >/dev/null 2>&1; then
    apt_install docker-compose || log "could not install docker-compose; the compose file check will be skipped"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
}
