# Shared by bench/run and bench/profile (sourced). Process bookkeeping: every
# process a script starts goes into PIDS and is stopped by cleanup (its EXIT
# trap), by pid, never by name. Expects log() to be defined.
PIDS=()
forget() {  # forget PID: ended and reaped, so never signalled again
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
stop_pid() {  # stop_pid PID: TERM, then KILL after 5 s
  local pid=$1 i
  forget "$pid"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [ -n "${WATCHDOG:-}" ]; then  # the watchdog, then its sleep (by pid)
    local sleeper
    sleeper=$(pgrep -P "$WATCHDOG" 2>/dev/null || true)
    kill "$WATCHDOG" 2>/dev/null || true
    [ -z "$sleeper" ] || kill $sleeper 2>/dev/null || true
  fi
  [ -n "${TMP:-}" ] && rm -rf "$TMP"
  exit "$status"
}
start_bg() {  # start_bg LOGFILE CMD...: start in the background, set PID
  "${@:2}" > "$1" 2>&1 &
  PID=$!
  PIDS+=("$PID")
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_http() {  # wait_http URL [SECONDS]: until any HTTP answer, bounded
  local url=$1 limit=${2:-30} i
  for i in $(seq $((limit * 20))); do
    curl -s -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.05
  done
  log "no answer from $url within ${limit}s"
  return 1
}

cpu_ticks() {  # utime+stime of a process (all its threads), in clock ticks
  sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

ctx_switches() {  # voluntary + involuntary context switches, all threads
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s + 0}'
}

rss_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }


# wrk_start RAWFILE CONNS SECONDS SCRIPT URL (uses TOKEN, STATUS_PATH): wrk in the background on
# CPU 1 (bounded by timeout), sets WRK_PID; wrk_result RAWFILE prints the
# BENCH json line of a finished run; wrk_run does both.
wrk_start() {
  local raw=$1 conns=$2 secs=$3 script=$4 url=$5
  echo "taskset -c 1 wrk -t1 -c$conns -d${secs}s --timeout 5s --latency -s $script $url" > "$raw"
  BENCH_TOKEN=$TOKEN BENCH_STATUS_PATH=$STATUS_PATH \
    timeout $((secs + 60)) taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" \
    --timeout 5s --latency -s "$script" "$url" >> "$raw" 2>&1 &
  WRK_PID=$!
  PIDS+=("$WRK_PID")
}
wrk_result() {
  local json
  json=$(grep '^BENCH ' "$1" | tail -1 | cut -c7-)
  [ -n "$json" ] || json='{"requests":0}'
  echo "$json"
}
wrk_run() {  # in the main shell, so a stop signal is handled at once
  wrk_start "$@"
  wait "$WRK_PID" || true
  forget "$WRK_PID"
}

