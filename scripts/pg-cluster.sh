#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, run as the unprivileged
# `postgres` user (initdb refuses root). Prints the DATABASE_URL to use.
#
#   eval "$(scripts/pg-cluster.sh start)"   # exports DATABASE_URL and PG_CLUSTER_DIR
#   scripts/pg-cluster.sh stop "$PG_CLUSTER_DIR"
set -euo pipefail

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
  echo "$dir"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    bin=$(bin_dir)
    dir=$(mktemp -d /tmp/consentkit-pg.XXXXXX)
    chown postgres: "$dir"
    port=$(free_port)
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
    runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres consentkit_test
    echo "export PG_CLUSTER_DIR=$dir"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/consentkit_test"
    ;;
  stop)
    dir=${2:?usage: pg-cluster.sh stop DIR}
    runuser -u postgres -- "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
