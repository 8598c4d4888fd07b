#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, on loopback only.
#   scripts/pg-throwaway.sh start DIR   initdb in DIR (created if missing), start it on a free
#                                       127.0.0.1 port, print its connection string on stdout
#   scripts/pg-throwaway.sh stop DIR    stop it and delete DIR
# ONEPROXY_PG_STATS=1 preloads pg_stat_statements (statement counts for `bench serve`; a few % of the server's CPU).
# As root it runs the server as the unprivileged 'postgres' user (or 'nobody'): initdb refuses root.
# Needs Debian's postgresql package (apt-get install -y postgresql).
set -euo pipefail
cmd="${1:-}"; dir="${2:-}"
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[[ -x "$bin/initdb" ]] || { echo "pg-throwaway: no PostgreSQL server found under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)" >&2; exit 3; }

as_user() {
  if [[ "$(id -u)" == 0 ]]; then
    local u=postgres; id "$u" >/dev/null 2>&1 || u=nobody
    runuser -u "$u" -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [[ "$(id -u)" == 0 ]]; then u=postgres; id "$u" >/dev/null 2>&1 || u=nobody; chown "$u" "$dir"; fi
    as_user "$bin/initdb" -D "$dir/data" -U oneproxy -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { echo "pg-throwaway: initdb failed, see $dir/initdb.log:" >&2; tail -n 5 "$dir/initdb.log" >&2; exit 4; }
    extra=""
    if [[ "${ONEPROXY_PG_STATS:-0}" == 1 ]]; then extra="-c shared_preload_libraries=pg_stat_statements"; fi
    for _ in 1 2 3 4 5 6 7 8; do
      port=$(( 20000 + RANDOM % 20000 ))
      if as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
           -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=300 $extra" start >/dev/null 2>&1; then
        echo "$port" >"$dir/port"
        echo "Host=127.0.0.1;Port=$port;Username=oneproxy;Database=postgres;Maximum Pool Size=90"
        exit 0
      fi
    done
    echo "pg-throwaway: the server did not start on any tried port, see $dir/server.log:" >&2
    tail -n 5 "$dir/server.log" >&2 || true
    exit 5
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then as_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
