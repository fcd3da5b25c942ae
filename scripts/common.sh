# Helpers shared by the scripts in this folder; sourced, not run.
# shellcheck shell=bash

QM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QM_SCRIPT="$(basename "$0")"

qm_say() { printf '%s: %s\n' "$QM_SCRIPT" "$*"; }
qm_die() { printf '%s: %s\n' "$QM_SCRIPT" "$*" >&2; exit 1; }

# Whole seconds since an earlier $SECONDS reading, as "1 min 23 s".
qm_elapsed() {
    local s=$((SECONDS - $1))
    if ((s >= 60)); then printf '%d min %d s' $((s / 60)) $((s % 60)); else printf '%d s' "$s"; fi
}

# Configures and builds a CMakePresets.json preset (configure and build presets share the
# name). Both steps are incremental, so a second run reuses the build.
qm_build_preset() {
    local preset=$1
    (cd "$QM_ROOT" && cmake --preset "$preset" >/dev/null) || qm_die "cmake --preset $preset failed"
    (cd "$QM_ROOT" && cmake --build --preset "$preset") || qm_die "cmake --build --preset $preset failed"
}

# Configures build/fuzz: clang, RelWithDebInfo, every library built with AddressSanitizer,
# UndefinedBehaviorSanitizer (no recovery: undefined behaviour aborts) and libFuzzer's
# coverage instrumentation. scripts/fuzz builds the libFuzzer targets there and
# scripts/sanitize the test suite, qm-portal and qm, so both share one compile of the
# libraries. Prints the build directory.
qm_configure_sanitized_build() {
    local build="$QM_ROOT/build/fuzz"
    local launcher=${CMAKE_CXX_COMPILER_LAUNCHER:-$(command -v ccache || true)}
    # -O1 and line tables only: the sanitizers' usual build, quicker to compile than -O2 -g,
    # with file and line in every report.
    cmake -S "$QM_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
        -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
        -DQM_BUILD_FUZZERS=ON -DQM_BUILD_TESTS=ON -DQM_TESTS_NEED_TOOLS=ON -DQM_BUILD_GUI=ON \
        ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher} >/dev/null ||
        qm_die "cmake could not configure $build (clang and the sanitizers)"
    printf '%s\n' "$build"
}

# Path of an executable target in a build tree: the first regular executable file named
# NAME below BUILD_DIR (outside CMake's own folders and the staging trees of cpack, which
# hold copies from the last packaging run).
qm_find_binary() {
    local build_dir=$1 name=$2 found
    found="$(find "$build_dir" \( -path '*/CMakeFiles' -o -path '*/_CPack_Packages' \) -prune \
        -o -type f -name "$name" -perm -u+x -print 2>/dev/null | head -n 1)"
    [[ -n "$found" ]] || return 1
    printf '%s\n' "$found"
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
qm_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts qm-portal in the background with its output in LOG and waits until it prints
# its listening line. Sets QM_PORTAL_PID and QM_PORTAL_URL.
#   qm_start_portal PORTAL_BIN LOG TIMEOUT_SECONDS ARGS...
qm_start_portal() {
    local bin=$1 log=$2 timeout=$3
    shift 3
    : >"$log"
    "$bin" "$@" </dev/null >>"$log" 2>&1 &
    QM_PORTAL_PID=$!
    QM_PORTAL_URL=""
    local started=$SECONDS line
    while ((SECONDS - started < timeout)); do
        line="$(grep -m 1 -o 'qm-portal listening on http://[^[:space:]]*' "$log" 2>/dev/null || true)"
        if [[ -n "$line" ]]; then
            QM_PORTAL_URL="${line#qm-portal listening on }"
            return 0
        fi
        if ! kill -0 "$QM_PORTAL_PID" 2>/dev/null; then
            wait "$QM_PORTAL_PID" 2>/dev/null || true
            tail -n 20 "$log" >&2
            qm_die "qm-portal exited before it was listening (log: $log)"
        fi
        sleep 0.2
    done
    kill -TERM "$QM_PORTAL_PID" 2>/dev/null || true
    tail -n 20 "$log" >&2
    qm_die "qm-portal did not start listening within $timeout s (log: $log)"
}

# Stops a qm-portal started by qm_start_portal (SIGTERM, then waits for it to exit).
qm_stop_portal() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# Runs a command inside a private D-Bus session with an unlocked gnome-keyring as the
# secret service, so QtKeychain works without a desktop. The keyring lives in
# KEYRING_DIR/keyrings (a second run with the same dir and password sees the same
# secrets); the password must not be empty. The keyring daemon is stopped when the
# command ends (it would outlive the session bus otherwise).
#   qm_with_keyring KEYRING_DIR PASSWORD COMMAND [ARGS...]
qm_with_keyring() {
    local dir=$1 password=$2
    shift 2
    [[ -n "$password" ]] || qm_die "the keyring password must not be empty"
    mkdir -p "$dir" && chmod 700 "$dir"
    # The session bus complains on stderr about things that do not matter here (fd
    # limits as root, service activation); keep the command's own stderr readable.
    local daemon="$dir/dbus-daemon-quiet"
    printf '#!/bin/sh\nexec dbus-daemon "$@" 2>/dev/null\n' >"$daemon"
    chmod 700 "$daemon"
    QM_KEYRING_DIR="$dir" QM_KEYRING_PASSWORD="$password" \
        dbus-run-session --dbus-daemon="$daemon" -- sh -c '
            printf "%s" "$QM_KEYRING_PASSWORD" |
                XDG_DATA_HOME="$QM_KEYRING_DIR" gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
            keyring=$!
            unset QM_KEYRING_PASSWORD QM_KEYRING_DIR
            tries=0
            until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
                if ! kill -0 "$keyring" 2>/dev/null || [ "$tries" -ge 200 ]; then
                    echo "gnome-keyring-daemon did not start as the secret service" >&2
                    kill "$keyring" 2>/dev/null
                    exit 1
                fi
                tries=$((tries + 1))
                sleep 0.05
            done
            "$@"
            status=$?
            kill "$keyring" 2>/dev/null
            wait "$keyring" 2>/dev/null
            exit "$status"' sh "$@"
}

# Runs a command with the keyring that stands in for a desktop keychain where there is
# none (scripts/qm-headless, the demo without a session bus): kept in
# ${XDG_DATA_HOME:-~/.local/share}/quartermaster-headless so tokens survive between
# commands, unlocked with $QM_KEYRING_PASSWORD or, when that is unset, a fixed demo
# password (then it protects the tokens no better than the file permissions do).
qm_with_headless_keyring() {
    qm_with_keyring "${XDG_DATA_HOME:-$HOME/.local/share}/quartermaster-headless" \
        "${QM_KEYRING_PASSWORD:-quartermaster-demo}" "$@"
}
