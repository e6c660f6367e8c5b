#!/usr/bin/env bash
# Container smoke test: builds the Dockerfile (its build stage runs the C++
# tests) and the docker-compose client image, runs the mock image with a
# mounted fixture directory, and checks what a user of the image relies on:
#
#   - a status answered from the mounted fixtures
#   - the HEALTHCHECK turning healthy
#   - the server running as PID 1 with a non-zero uid
#   - an edit of a mounted fixture file picked up by the watcher within 10 s
#   - the compose client (official JS SDK) passing against the container
#   - `podman stop -t 10` ending it with exit status 0 in under 5 s
#
# One line per check ("ok - ..." / "not ok - ..."), then "N passed, M failed";
# exits 1 on any failure. Needs root and, on a fresh machine, the Debian and
# npm registries: there is no Docker engine or container registry here, so it
# builds and runs with podman through ../shared/tools/container-check.sh
# (installs podman, makes a debian:bookworm-slim base with debootstrap).
#
#   bash tests/container/smoke.sh
#
# Knobs: CONTAINER_CHECK (path of container-check.sh), SMOKE_TAG (image tag,
# default localhost/backendless-mock:smoke), DV_CACHE (1, the default here:
# keep podman's layer cache between runs; 0: clean build), DV_STATE_DIR.
# About 8 minutes on a fresh machine (podman and the base image 1.5, the
# image 5, the client 1); about 1 on a re-run with unchanged sources.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
check_script=${CONTAINER_CHECK:-$repo/../shared/tools/container-check.sh}
tag=${SMOKE_TAG:-localhost/backendless-mock:smoke}
client_tag=${tag%:*}-client:${tag##*:}
state_dir=${DV_STATE_DIR:-/var/tmp/dockverify}
export DV_CACHE=${DV_CACHE:-1} DV_STATE_DIR=$state_dir

# The message only the mounted directory holds, before and after the edit.
message_id='message:5E0CE000-0000-4000-8000-00000000C0DE'
before='{"errorMessage":null,"messageId":"'$message_id'","status":"cancelled"}'
after='{"errorMessage":"edited by smoke.sh","messageId":"'$message_id'","status":"failed"}'

checks=("image builds, C++ tests passing in its build stage"
        "status from the mounted fixtures"
        "healthcheck turns healthy"
        "PID 1 is backendless-mock with a non-zero uid"
        "a fixture edit is served within 10 s"
        "compose client (official JS SDK) passes"
        "podman stop -t 10 exits 0 in under 5 s")
passed=0
failed=0
next=0
ok() { passed=$((passed + 1)); echo "ok - ${checks[next]}${1:+ ($1)}"; next=$((next + 1)); }
not_ok() { failed=$((failed + 1)); echo "not ok - ${checks[next]}${1:+: $1}"; next=$((next + 1)); }
finish() {
  while ((next < ${#checks[@]})); do not_ok "not run"; done
  echo "$passed passed, $failed failed"
  exit $((failed == 0 ? 0 : 1))
}
note() { echo "# $*"; }

if [[ $(id -u) != 0 ]]; then
  echo "smoke.sh needs root (podman as root, apt-get): sudo bash $0" >&2
  exit 1
fi
[[ -f $check_script ]] || { echo "container-check.sh not found at $check_script" >&2; exit 1; }

work=$(mktemp -d /var/tmp/bm-smoke.XXXXXX)
containers=()
cleanup() {
  for container in "${containers[@]+"${containers[@]}"}"; do
    podman rm -f -t 0 "$container" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# podman without systemd complains about healthcheck timers; that is noise.
quiet() { grep -v -e 'unable to get systemd connection' -e 'Removing timer for container' >&2 || true; }

# ------------------------------------------------------------------ build
# buildah 1.28 (Debian bookworm's podman) rejects HEALTHCHECK --start-interval,
# which Docker 25+ understands; the copy built here leaves that flag out.
sed -E 's/[[:space:]]--start-interval=[^[:space:]]+//' "$repo/Dockerfile" >"$work/Dockerfile"
grep -q -- '--start-interval' "$repo/Dockerfile" &&
  note "building without HEALTHCHECK --start-interval (buildah 1.28 rejects it)"
note "building $tag (log: $work/build.log; takes minutes)"
t0=$(date +%s)
if ! DV_SKIP_RUN=1 timeout 1800 bash "$check_script" "$repo" "$work/Dockerfile" "$tag" \
    >"$work/build.log" 2>&1 </dev/null; then
  tail -40 "$work/build.log" | sed 's/^/# /'
  not_ok "see the log above"
  finish
fi
export CONTAINERS_CONF=$state_dir/containers.conf
size=$(podman image inspect --format '{{.Size}}' "$tag")
ok "$(( $(date +%s) - t0 )) s, $((size / 1000000)) MB"

# -------------------------------------------------------------------- run
# The bundled fixtures (the compose client reads one of them) plus one file
# of our own, in a directory the container's user 10001 can read.
fixtures=$work/fixtures
mkdir -p "$fixtures"
cp "$repo"/fixtures/*.json "$fixtures/"
write_smoke_fixture() {  # status [errorMessage]
  local error_message=""
  [[ -n ${2:-} ]] && error_message=", \"errorMessage\": \"$2\""
  printf '{"messages": [{"messageId": "%s", "status": "%s"%s}]}\n' \
    "$message_id" "$1" "$error_message" >"$fixtures/.smoke.tmp"
  chmod 644 "$fixtures/.smoke.tmp"
  mv "$fixtures/.smoke.tmp" "$fixtures/smoke.json"   # replaced whole, as editors do
}
write_smoke_fixture cancelled
chmod 755 "$work" "$fixtures"
chmod 644 "$fixtures"/*.json

port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
name=bm-smoke-$$-$(date +%s)
url=http://127.0.0.1:$port
containers+=("$name")
if ! podman run -d --pull=never --name "$name" --network slirp4netns \
    -p "127.0.0.1:$port:8080" -v "$fixtures:/fixtures:ro" "$tag" >/dev/null 2> >(quiet); then
  not_ok "podman run failed"
  finish
fi

status_of() {  # prints the body of GET messaging/<id>, or nothing
  curl -sS --max-time 3 "$url/api/messaging/$1" 2>/dev/null || true
}
same_json() {
  python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1]) != json.loads(sys.argv[2]))' \
    "$1" "$2" 2>/dev/null
}
logs() { podman logs --tail 15 "$name" 2>&1 | sed 's/^/#   /'; }
running() { [[ $(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null) == true ]]; }

# 1. a status only the mounted directory can answer (bounded: 30 s)
got=""
for _ in $(seq 120); do
  got=$(status_of "$message_id")
  [[ -n $got ]] && break
  running || break
  sleep 0.25
done
if same_json "$got" "$before"; then ok "$got"; else not_ok "got '${got:-no answer}'"; logs; fi

# 2. the image's HEALTHCHECK command, run the way the engine runs it (bounded: 20 s)
health=""
for _ in $(seq 20); do
  health=$(podman healthcheck run "$name" 2>&1) && break
  sleep 1
done
state=$(podman inspect -f '{{.State.Health.Status}}' "$name" 2>/dev/null || true)
if [[ $state == healthy ]]; then ok "$state"; else not_ok "state '${state}', last run: ${health//$'\n'/ }"; fi

# 3. who PID 1 is
proc_name=$(podman exec "$name" cat /proc/1/comm 2>/dev/null || true)
uids=$(podman exec "$name" cat /proc/1/status 2>/dev/null | awk '/^Uid:/{print $2, $3, $4, $5}' || true)
if [[ $proc_name == backendless-moc* && -n $uids && " $uids " != *" 0 "* ]]; then
  ok "uid $uids"
else
  not_ok "PID 1 '$proc_name', uids '$uids'"
fi

# 4. edit the mounted file; the watcher polls every 500 ms (bounded: 10 s)
write_smoke_fixture failed "edited by smoke.sh"
t0=$(date +%s%N)
got=""
while (( $(date +%s%N) - t0 < 10000000000 )); do
  got=$(status_of "$message_id")
  same_json "$got" "$after" && break
  sleep 0.25
done
if same_json "$got" "$after"; then
  ok "after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
else
  not_ok "still '${got:-no answer}' after 10 s"; logs
fi

# 5. the compose example's client, on the mock container's network (podman
# would start a stopped mock container again for it: check first)
note "building $client_tag"
if ! running; then
  not_ok "the mock container is not running"
elif ! DV_SKIP_RUN=1 DV_BUILD_ARGS="--secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt" \
    timeout 900 bash "$check_script" "$here/client" "$here/client/Dockerfile" "$client_tag" \
    >"$work/client-build.log" 2>&1 </dev/null; then
  tail -30 "$work/client-build.log" | sed 's/^/# /'
  not_ok "client image does not build"
else
  client=$name-client
  containers+=("$client")
  if timeout 120 podman run --pull=never --name "$client" --network "container:$name" \
      -e MOCK_URL=http://127.0.0.1:8080 "$client_tag" >"$work/client.log" 2>&1; then
    ok "$(tail -1 "$work/client.log")"
  else
    sed 's/^/#   /' "$work/client.log"
    not_ok "$(tail -1 "$work/client.log")"
  fi
  podman rm -f -t 0 "$client" >/dev/null 2>&1 || true
fi

# 6. SIGTERM to PID 1 ends the server at once, with exit status 0
if ! running; then
  not_ok "the mock container is not running"; logs
  finish
fi
t0=$(date +%s%N)
podman stop -t 10 "$name" >/dev/null 2> >(quiet) || true
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
code=$(podman inspect -f '{{.State.ExitCode}}' "$name" 2>/dev/null || echo '?')
if [[ $code == 0 ]] && ((ms < 5000)); then
  ok "exit $code after $ms ms"
else
  not_ok "exit $code after $ms ms"; logs
fi

finish
