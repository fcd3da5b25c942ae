#!/usr/bin/env bash
# The throwaway PostgreSQL server of the `postgres` ctest fixture.
#   pg-server.sh start STATE_DIR [URL_FILE]   initdb in a temporary directory, start on a free
#                                             loopback port, write postgres://... to URL_FILE
#                                             (default: $QM_TEST_PG_URL_FILE)
#   pg-server.sh stop STATE_DIR               stop it and remove its data
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user and its
# data directory belongs to that user. Missing binaries are an error, never a skip.
set -euo pipefail

command=${1:-}
state=${2:-}
if [[ -z "$command" || -z "$state" ]]; then
    echo "usage: $0 start|stop STATE_DIR [URL_FILE]" >&2
    exit 2
fi

find_bin() {
    if [[ -n "${QM_PG_BIN:-}" && -x "$QM_PG_BIN/pg_ctl" ]]; then
        echo "$QM_PG_BIN"
        return
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
            echo "$dir"
            return
        fi
    done
    if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
        dirname "$(command -v pg_ctl)"
        return
    fi
}

as_server_user() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_server() {
    [[ -f "$state/datadir" ]] || return 0
    local data bin
    data=$(cat "$state/datadir")
    bin=$(find_bin)
    if [[ -n "$bin" && -f "$data/postmaster.pid" ]]; then
        as_server_user "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || true
    fi
    rm -rf "$data"
    rm -f "$state/datadir" "$state/url"
}

case "$command" in
start)
    url_file=${3:-${QM_TEST_PG_URL_FILE:-}}
    if [[ -z "$url_file" ]]; then
        echo "pg-server.sh: no URL file given and QM_TEST_PG_URL_FILE is not set" >&2
        exit 2
    fi
    bin=$(find_bin)
    if [[ -z "$bin" ]]; then
        echo "pg-server.sh: PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql" >&2
        exit 1
    fi
    if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
        echo "pg-server.sh: running as root but there is no 'postgres' user to run the server as" >&2
        exit 1
    fi
    mkdir -p "$state" "$(dirname "$url_file")"
    stop_server # a server left behind by an interrupted run
    rm -f "$url_file"

    data=$(mktemp -d "${TMPDIR:-/tmp}/qm-pg.XXXXXX")
    echo "$data" > "$state/datadir"
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$data"
    fi
    chmod 700 "$data"
    as_server_user "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$state/initdb.log" 2>&1 || {
        cat "$state/initdb.log" >&2
        exit 1
    }
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    started=0
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 40000))
        if as_server_user "$bin/pg_ctl" -D "$data" -o "-p $port" -l "$data/server.log" -w -t 60 start >/dev/null 2>&1; then
            started=1
            break
        fi
    done
    if [[ $started != 1 ]]; then
        echo "pg-server.sh: PostgreSQL did not start:" >&2
        cat "$data/server.log" >&2 || true
        exit 1
    fi
    url="postgres://postgres@127.0.0.1:$port/postgres"
    echo "$url" > "$state/url"
    echo "$url" > "$url_file"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $url (data in $data)"
    ;;
stop)
    stop_server
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR [URL_FILE]" >&2
    exit 2
    ;;
esac
