#!/usr/bin/env bash
# Container tests of newsindex: builds the images of deploy/Dockerfile with
# podman, runs them (host networking, free ports), ingests examples/ with the
# host-built newsctl, searches, checks health, stops with SIGTERM and checks a
# clean exit; then the bad cases (read-only, missing and full data volume, a
# second ingest-service on the same volume, SIGTERM during streaming ingests),
# the same happy path through podman-compose with deploy/compose.yaml and over
# two remote shards with deploy/compose.sharded.yaml and on a read replica
# with deploy/compose.replicas.yaml, and the Kubernetes
# manifests and compose files (kubectl kustomize + check_k8s.py,
# check_compose.py).
#
# Exit 0 when everything passed, or with "SKIP:" when podman cannot be set up
# here; non-zero on any real failure.
#
# Environment (all optional):
#   NEWSCTL            host newsctl (default build/bin/newsctl; when missing,
#                      the newsctl inside the image is used)
#   BASE_IMAGE         runtime and builder base (default localhost/debian:bookworm-slim)
#   CONTAINER_SETUP    podman set-up script (default ../shared/tools/container-setup)
#   NEWSINDEX_CONTEXT  build context (default the repository root; for example a
#                      `git archive` export to test a commit)
#   SKIP_CASES         space-separated case names to skip: k8s basic
#                      restart second-writer read-only missing-volume
#                      sigterm-stream full-volume compose compose-sharded
#                      compose-replicas
#   KEEP=1             keep containers, volumes and logs for inspection
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/tests/container"
start_time=$(date +%s)
BASE_IMAGE=${BASE_IMAGE:-localhost/debian:bookworm-slim}
CONTAINER_SETUP=${CONTAINER_SETUP:-$repo/../shared/tools/container-setup}
context=${NEWSINDEX_CONTEXT:-$repo}
tag=citest
ingest_image=newsindex/ingest-service:$tag
search_image=newsindex/search-service:$tag
run_id="nxt$$"
label="newsindex-container-test=$run_id"
work=$(mktemp -d /tmp/newsindex-container-test.XXXXXX)
failures=0
# HEALTHCHECK survives only in Docker-format images (podman's default is OCI).
export BUILDAH_FORMAT=docker

say() { echo "container-test: $*"; }
elapsed() { echo "$(($(date +%s) - start_time))s"; }
skip_all() { echo "SKIP: container tests: $*"; rm -rf "$work"; exit 0; }
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
die() {
  echo "FAIL: $*" >&2
  exit 1
}
want_case() { [[ " ${SKIP_CASES:-} " != *" $1 "* ]]; }
case_start() { say "--- $1 ($(elapsed))"; }

cleanup() {
  local rc=$?
  if [[ "${KEEP:-}" == 1 ]]; then
    say "KEEP=1: leaving containers/volumes labelled $label and $work"
    return
  fi
  if command -v podman >/dev/null 2>&1; then
    if [[ -n "${compose_project:-}" ]]; then
      (cd "$repo/deploy" && podman-compose -p "$compose_project" -f compose.yaml down -v -t 5) \
        >/dev/null 2>&1 || true
    fi
    if [[ -n "${replicas_project:-}" ]]; then
      (cd "$repo/deploy" && podman-compose -p "$replicas_project" -f compose.replicas.yaml down -v -t 5) \
        >/dev/null 2>&1 || true
    fi
    if [[ -n "${sharded_project:-}" ]]; then
      (cd "$repo/deploy" && podman-compose -p "$sharded_project" -f compose.sharded.yaml down -v -t 5) \
        >/dev/null 2>&1 || true
    fi
    local ids
    ids=$(podman ps -aq --filter "label=$label" 2>/dev/null || true)
    [[ -n "$ids" ]] && podman rm -f -t 0 $ids >/dev/null 2>&1
    ids=$(podman volume ls -q --filter "label=$label" 2>/dev/null || true)
    [[ -n "$ids" ]] && podman volume rm -f $ids >/dev/null 2>&1
  fi
  if [[ -n "${full_dir:-}" ]] && mountpoint -q "$full_dir" 2>/dev/null; then
    umount "$full_dir" || true
  fi
  rm -rf "$work"
  return $rc
}
trap cleanup EXIT

# ---- Kubernetes manifests (no podman needed) --------------------------------
k8s_checks() {
  case_start k8s
  local rendered="$work/k8s.yaml"
  if command -v kubectl >/dev/null 2>&1; then
    kubectl kustomize "$repo/deploy/k8s" >"$rendered" ||
      { fail "kubectl kustomize deploy/k8s"; return; }
    say "kubectl kustomize deploy/k8s: OK ($(grep -c '^kind:' "$rendered") objects)"
  else
    say "NOTE: kubectl not installed (Debian: kubernetes-client); checking the raw manifests"
    rendered=$(ls "$repo"/deploy/k8s/*.yaml | grep -v kustomization.yaml)
  fi
  if python3 -c 'import yaml' 2>/dev/null; then
    # shellcheck disable=SC2086
    python3 "$here/check_k8s.py" $rendered || fail "deploy/k8s policy check (check_k8s.py)"
    if command -v kubectl >/dev/null 2>&1; then
      for overlay in k8s-monitoring k8s-sharded k8s-replicas; do
        kubectl kustomize "$repo/deploy/$overlay" >"$work/$overlay.yaml" &&
          python3 "$here/check_k8s.py" "$work/$overlay.yaml" ||
          fail "deploy/$overlay (kustomize + check_k8s.py)"
      done
    fi
    python3 "$here/check_compose.py" "$repo"/deploy/compose*.yaml || fail "deploy/compose*.yaml (check_compose.py)"
  else
    say "NOTE: python3-yaml missing; skipping check_k8s.py"
  fi
}
want_case k8s && k8s_checks

# ---- podman ------------------------------------------------------------------
if ! command -v podman >/dev/null 2>&1 || ! podman image exists "$BASE_IMAGE" 2>/dev/null; then
  if [[ -f "$CONTAINER_SETUP" && "$(id -u)" == 0 ]]; then
    say "setting up podman with $CONTAINER_SETUP"
    bash "$CONTAINER_SETUP" >"$work/setup.log" 2>&1 ||
      { cat "$work/setup.log"; skip_all "$CONTAINER_SETUP failed (see above)"; }
  else
    skip_all "podman or the base image $BASE_IMAGE is unavailable and $CONTAINER_SETUP cannot run here (needs the script and root)"
  fi
fi
podman info >/dev/null 2>&1 || skip_all "podman does not work here"
podman image exists "$BASE_IMAGE" || skip_all "base image $BASE_IMAGE missing"

# ---- build -----------------------------------------------------------------
case_start build
for target in ingest-service search-service; do
  t0=$(date +%s)
  if ! podman build --network=host --format docker -f "$repo/deploy/Dockerfile" \
      --build-arg BASE="$BASE_IMAGE" --build-arg BUILDER_BASE="$BASE_IMAGE" \
      --target "$target" -t "newsindex/$target:$tag" "$context" >"$work/build-$target.log" 2>&1; then
    tail -40 "$work/build-$target.log"
    die "podman build --target $target (log above)"
  fi
  size=$(podman image inspect "newsindex/$target:$tag" --format '{{.Size}}')
  say "built newsindex/$target:$tag in $(($(date +%s) - t0))s, $((size / 1000000)) MB"
done
# Xapian's servers for the sharded and replica layouts (no newsindex code: seconds).
if want_case compose-sharded || want_case compose-replicas; then
  t0=$(date +%s)
  if ! podman build --network=host --format docker -f "$repo/deploy/Dockerfile" \
      --build-arg BASE="$BASE_IMAGE" --target xapian -t "newsindex/xapian:$tag" "$context" \
      >"$work/build-xapian.log" 2>&1; then
    tail -20 "$work/build-xapian.log"
    die "podman build --target xapian (log above)"
  fi
  size=$(podman image inspect "newsindex/xapian:$tag" --format '{{.Size}}')
  say "built newsindex/xapian:$tag in $(($(date +%s) - t0))s, $((size / 1000000)) MB"
fi
podman image inspect "$ingest_image" --format '{{.Config.User}} {{.Config.StopSignal}} {{json .Config.Healthcheck.Test}}' |
  grep -q '^10001:10001 SIGTERM .*newsindex-healthcheck' ||
  fail "image config: want USER 10001:10001, STOPSIGNAL SIGTERM and the HEALTHCHECK"

# ---- helpers -------------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

NEWSCTL=${NEWSCTL:-$repo/build/bin/newsctl}
if [[ -x "$NEWSCTL" ]]; then
  nctl() { "$NEWSCTL" "$@"; }
else
  say "NOTE: no host newsctl at $NEWSCTL; using the newsctl in $ingest_image"
  nctl() {
    podman run --rm --network=host --label "$label" -v "$repo/examples:$repo/examples:ro" \
      -v "$work:$work" -e NEWSINDEX_INGEST_ADDR -e NEWSINDEX_SEARCH_ADDR \
      --entrypoint newsctl "$ingest_image" "$@" 2>/dev/null
  }
fi

# run_service NAME IMAGE PORT [podman run options...]: starts a detached
# service container on host networking listening on 127.0.0.1:PORT.
run_service() {
  local name=$1 image=$2 port=$3
  shift 3
  podman run -d --name "$name" --label "$label" --network=host \
    -e NEWSINDEX_LISTEN="127.0.0.1:$port" "$@" "$image" >/dev/null 2>>"$work/podman.log"
}

# wait_healthy NAME: runs the image's HEALTHCHECK until it passes (60 s).
wait_healthy() {
  local name=$1
  for _ in $(seq 1 120); do
    if podman healthcheck run "$name" >/dev/null 2>&1; then return 0; fi
    if [[ "$(podman inspect "$name" --format '{{.State.Running}}' 2>/dev/null)" != true ]]; then
      podman logs "$name" 2>&1 | tail -20
      fail "$name exited before becoming healthy"
      return 1
    fi
    sleep 0.5
  done
  podman logs "$name" 2>&1 | tail -20
  fail "$name not healthy after 60 s"
  return 1
}

# stop_clean NAME: SIGTERM (the image's STOPSIGNAL), then exit code 0 within
# the grace period (podman stop would SIGKILL after 60 s: exit 137).
stop_clean() {
  local name=$1 code
  podman stop -t 60 "$name" >/dev/null 2>>"$work/podman.log"
  code=$(podman inspect "$name" --format '{{.State.ExitCode}}')
  if [[ "$code" != 0 ]]; then
    podman logs "$name" 2>&1 | tail -10
    fail "$name: exit code $code after SIGTERM (want 0)"
    return 1
  fi
  local logged=0
  for _ in 1 2 3 4 5; do
    if podman logs "$name" 2>&1 | grep -q "received SIGTERM"; then logged=1; break; fi
    sleep 0.5
  done
  if [[ $logged == 0 ]]; then
    podman logs "$name" 2>&1 | tail -5
    fail "$name: no 'received SIGTERM' in its log"
  fi
  say "$name: SIGTERM -> exit 0"
}

# expect_refusal NAME PATTERN [podman run options and image]: runs a
# container in the foreground, wants a non-zero exit and PATTERN in its output.
expect_refusal() {
  local name=$1 pattern=$2
  shift 2
  local out="$work/$name.out" code=0
  timeout 90 podman run --name "$name" --label "$label" --network=host "$@" >"$out" 2>&1 || code=$?
  if [[ $code == 0 ]]; then
    cat "$out"
    fail "$name: exited 0 (want a refusal)"
    return 1
  fi
  if [[ $code == 124 ]]; then
    fail "$name: still running after 90 s (want a refusal)"
    podman rm -f -t 0 "$name" >/dev/null 2>&1
    return 1
  fi
  if ! grep -Eq "$pattern" "$out"; then
    grep -v systemd "$out" | tail -5
    fail "$name: output lacks /$pattern/"
    return 1
  fi
  say "$name: refused (exit $code): $(grep -E "$pattern" "$out" | head -1 | cut -c1-220)"
}

# search_total QUERY: total_size of a search (0 when absent).
# Total matches, every stored article counted: the test articles are near
# duplicates of each other, which search would otherwise collapse.
search_total() {
  nctl search "$@" --no-collapse --json | python3 -c 'import json,sys; print(int(json.load(sys.stdin).get("totalSize", 0)))'
}

ingest_port=$(free_port)
search_port=$(free_port)
while [[ "$search_port" == "$ingest_port" ]]; do search_port=$(free_port); done
export NEWSINDEX_INGEST_ADDR=127.0.0.1:$ingest_port
export NEWSINDEX_SEARCH_ADDR=127.0.0.1:$search_port
vol="$run_id-data"
podman volume create --label "$label" "$vol" >/dev/null
ing="$run_id-ingest"
srch="$run_id-search"
examples_count=0

# ---- basic: ingest, search, health, SIGTERM ---------------------------------
if want_case basic; then
  case_start basic
  run_service "$ing" "$ingest_image" "$ingest_port" -v "$vol:/var/lib/newsindex" --read-only
  wait_healthy "$ing"
  run_service "$srch" "$search_image" "$search_port" -v "$vol:/var/lib/newsindex:ro" --read-only
  wait_healthy "$srch"
  nctl health || fail "newsctl health (both services)"
  nctl ingest --verbose "$repo/examples" >"$work/ingest.out" || { cat "$work/ingest.out"; fail "newsctl ingest examples/"; }
  tail -1 "$work/ingest.out"
  examples_count=$(sed -n 's/^[0-9]* sent, \([0-9]*\) created.*/\1/p' "$work/ingest.out")
  [[ "${examples_count:-0}" -ge 8 ]] || fail "expected the sample articles to be created, got '${examples_count}'"
  # The reader catches up with the writer's commits.
  total=0
  for _ in $(seq 1 20); do
    total=$(search_total '"grain export corridor"') || true
    [[ "$total" -ge 1 ]] && break
    sleep 0.5
  done
  [[ "$total" -ge 1 ]] || fail "search '\"grain export corridor\"' found nothing"
  say "search '\"grain export corridor\"': $total hit(s)"
  nctl search 'place:Kazakhstan' --limit 2 | head -4
  id=$(sed -n 's/^.*: \([^ ]*\) created$/\1/p' "$work/ingest.out" | head -1)
  nctl get "$id" >/dev/null || fail "newsctl get $id"
  stop_clean "$srch"
  stop_clean "$ing"
fi

# ---- restart: the data is in the volume ---------------------------------------
if want_case restart; then
  case_start restart
  podman rm -f "$ing" "$srch" >/dev/null 2>&1 || true
  run_service "$ing" "$ingest_image" "$ingest_port" -v "$vol:/var/lib/newsindex" --read-only
  wait_healthy "$ing"
  run_service "$srch" "$search_image" "$search_port" -v "$vol:/var/lib/newsindex:ro" --read-only
  wait_healthy "$srch"
  podman logs "$ing" 2>&1 | grep "open with" || true
  if [[ "$examples_count" -gt 0 ]]; then
    podman logs "$ing" 2>&1 | grep -q "open with $examples_count articles" ||
      fail "restarted ingest-service does not report $examples_count articles"
  fi
  [[ "$(search_total 'grain')" -ge 1 ]] || fail "search after restart found nothing"
fi

# ---- second-writer: a second ingest-service on the same volume ------------------
if want_case second-writer; then
  case_start second-writer
  podman container exists "$ing" && [[ "$(podman inspect "$ing" --format '{{.State.Running}}')" == true ]] || {
    podman rm -f "$ing" >/dev/null 2>&1 || true
    run_service "$ing" "$ingest_image" "$ingest_port" -v "$vol:/var/lib/newsindex"
    wait_healthy "$ing"
  }
  expect_refusal "$run_id-writer2" "locked by another writer" \
    -e NEWSINDEX_LISTEN="127.0.0.1:$(free_port)" -v "$vol:/var/lib/newsindex" "$ingest_image"
  nctl health >/dev/null || fail "the first ingest-service is unhealthy after the refused second one"
  printf '{"id":"nxt-after-writer2","title":"Lock check","body":"The first writer still accepts articles about the zqlockcheck marker."}\n' \
    >"$work/after.jsonl"
  nctl ingest "$work/after.jsonl" >/dev/null || fail "ingest after the refused second writer"
fi

# ---- read-only: the data volume mounted read-only for ingest-service --------------
if want_case read-only; then
  case_start read-only
  expect_refusal "$run_id-ro" "cannot open database.*Read-only file system" \
    -e NEWSINDEX_LISTEN="127.0.0.1:$(free_port)" -v "$vol:/var/lib/newsindex:ro" "$ingest_image"
  if grep -q "locked by another writer" "$work/$run_id-ro.out"; then
    say "NOTE: the read-only refusal is worded as 'locked by another writer' (core/xapian_status.cc maps every DatabaseLockError so)"
  fi
  podman volume create --label "$label" "$run_id-empty" >/dev/null
  expect_refusal "$run_id-ro-fresh" "cannot open database.*Read-only file system" \
    -e NEWSINDEX_LISTEN="127.0.0.1:$(free_port)" --read-only \
    -v "$run_id-empty:/var/lib/newsindex:ro" "$ingest_image"
fi

# ---- missing-volume: no volume on a read-only root file system (as in k8s) -------
if want_case missing-volume; then
  case_start missing-volume
  expect_refusal "$run_id-novol" "cannot open database" \
    -e NEWSINDEX_LISTEN="127.0.0.1:$(free_port)" --read-only --image-volume=ignore "$ingest_image"
  # search-service before any database exists: serves, finds nothing.
  p=$(free_port)
  podman volume create --label "$label" "$run_id-empty2" >/dev/null
  run_service "$run_id-search-empty" "$search_image" "$p" -v "$run_id-empty2:/var/lib/newsindex:ro" --read-only
  if wait_healthy "$run_id-search-empty"; then
    n=$(NEWSINDEX_SEARCH_ADDR=127.0.0.1:$p search_total anything) || fail "search on a missing database errs"
    [[ "${n:-x}" == 0 ]] || fail "search on a missing database: want 0 hits, got '$n'"
    stop_clean "$run_id-search-empty"
  fi
fi

# ---- sigterm-stream: SIGTERM while articles stream in --------------------------------
if want_case sigterm-stream; then
  case_start sigterm-stream
  podman container exists "$ing" && [[ "$(podman inspect "$ing" --format '{{.State.Running}}')" == true ]] || {
    podman rm -f "$ing" >/dev/null 2>&1 || true
    run_service "$ing" "$ingest_image" "$ingest_port" -v "$vol:/var/lib/newsindex"
    wait_healthy "$ing"
  }
  python3 - "$work/stream.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(6000):
        body = (f"Stream article {i} about the zqstreammarker test. " +
                "Grain shipments crossed the Caspian Sea toward Baku and Aktau. " * 20)
        f.write(json.dumps({"id": f"nxt-stream-{i:05d}", "title": f"Stream article {i}",
                            "source": "Container Test", "language": "en", "body": body}) + "\n")
PY
  # Single-article ingests in a loop (each acknowledged on its own) and one
  # long stream, both running when SIGTERM arrives.
  (
    i=0
    while :; do
      printf '{"id":"nxt-ack-%05d","title":"Ack %d","body":"Acknowledged article %d with the zqackmarker."}\n' \
        "$i" "$i" "$i" >"$work/ack-$i.jsonl"
      if nctl ingest "$work/ack-$i.jsonl" >/dev/null 2>&1; then echo "nxt-ack-$(printf %05d $i)"; else break; fi
      i=$((i + 1))
    done >"$work/acked.txt"
  ) &
  loop_pid=$!
  nctl ingest "$work/stream.jsonl" --json --timeout 120 >"$work/stream.out" 2>"$work/stream.err" &
  stream_pid=$!
  sleep 1.5
  in_flight=no
  kill -0 "$stream_pid" 2>/dev/null && in_flight=yes
  t0=$(date +%s)
  stop_clean "$ing"
  say "stream in flight at SIGTERM: $in_flight; ingest-service stopped in $(($(date +%s) - t0))s"
  stream_rc=0
  wait "$stream_pid" || stream_rc=$?
  wait "$loop_pid" || true
  acked=$(wc -l <"$work/acked.txt")
  say "stream: newsctl exit $stream_rc ($(head -c 200 "$work/stream.err" | tr '\n' ' ')); single ingests acknowledged: $acked"
  podman rm -f "$ing" >/dev/null 2>>"$work/podman.log"
  run_service "$ing" "$ingest_image" "$ingest_port" -v "$vol:/var/lib/newsindex"
  wait_healthy "$ing"
  podman container exists "$srch" || {
    run_service "$srch" "$search_image" "$search_port" -v "$vol:/var/lib/newsindex:ro"
    wait_healthy "$srch"
  }
  missing=0
  while read -r id; do
    nctl get "$id" >/dev/null 2>&1 || { missing=$((missing + 1)); echo "lost: $id"; }
  done <"$work/acked.txt"
  [[ $missing == 0 ]] || fail "$missing acknowledged single-article ingests lost after SIGTERM"
  if [[ $stream_rc == 0 ]]; then
    created=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for x in r.get("results",[]) if x.get("status",{}).get("code",0)==0))' "$work/stream.out")
    kept=$(search_total zqstreammarker --limit 1)
    say "stream acknowledged $created articles; $kept found after restart"
    [[ "$kept" -ge "$created" ]] || fail "stream: $created acknowledged, only $kept kept"
  else
    say "stream not acknowledged (cancelled by the drain): nothing to keep; database reopened fine"
  fi
fi

# ---- full-volume: ENOSPC on the data volume ------------------------------------------
if want_case full-volume; then
  case_start full-volume
  full_dir="$work/full"
  mkdir -p "$full_dir"
  # A 4 MiB tmpfs on the host (bounded: it can never fill the real disk).
  if [[ "$(id -u)" == 0 ]] && mount -t tmpfs -o size=4m,mode=0750,uid=10001,gid=10001 tmpfs "$full_dir" 2>/dev/null; then
    fname="$run_id-full"
    p=$(free_port)
    run_service "$fname" "$ingest_image" "$p" -v "$full_dir:/var/lib/newsindex"
    if wait_healthy "$fname"; then
      export NEWSINDEX_INGEST_ADDR=127.0.0.1:$p
      nctl ingest --verbose "$repo/examples/kenya_uae_trade_pact.txt" >"$work/full1.out" || fail "ingest before the volume is full"
      dd if=/dev/zero of="$full_dir/filler" bs=64k count=100 2>/dev/null || true
      full_rc=0
      nctl ingest --verbose "$repo/examples" >"$work/full2.out" 2>&1 || full_rc=$?
      [[ $full_rc != 0 ]] || fail "ingest into a full volume reported success"
      grep -m1 FAILED "$work/full2.out" | cut -c1-200 || true
      sed -n 's/^.*: \([^ ]*\) \(created\|updated\)$/\1/p' "$work/full1.out" "$work/full2.out" >"$work/full-acked.txt"
      rm -f "$full_dir/filler"
      podman stop -t 60 "$fname" >/dev/null 2>>"$work/podman.log"
      say "ingest-service on the full volume exited $(podman inspect "$fname" --format '{{.State.ExitCode}}') after SIGTERM"
      podman rm -f "$fname" >/dev/null 2>>"$work/podman.log"
      run_service "$fname" "$ingest_image" "$p" -v "$full_dir:/var/lib/newsindex"
      p2=$(free_port)
      run_service "$fname-search" "$search_image" "$p2" -v "$full_dir:/var/lib/newsindex:ro"
      if wait_healthy "$fname" && wait_healthy "$fname-search"; then
        lost=0
        while read -r id; do
          NEWSINDEX_SEARCH_ADDR=127.0.0.1:$p2 nctl get "$id" >/dev/null 2>&1 ||
            { lost=$((lost + 1)); say "lost after ENOSPC: $id (acknowledged)"; }
        done <"$work/full-acked.txt"
        [[ $lost == 0 ]] || fail "full volume: $lost acknowledged article(s) missing after restart"
        nctl ingest "$repo/examples/sharjah_cricket.txt" >/dev/null ||
          fail "ingest after space was freed and the service restarted"
      fi
      export NEWSINDEX_INGEST_ADDR=127.0.0.1:$ingest_port
      podman rm -f -t 30 "$fname" "$fname-search" >/dev/null 2>>"$work/podman.log" || true
    fi
    umount "$full_dir" || true
  else
    say "NOTE: full-volume case skipped (needs root to mount a small tmpfs)"
  fi
fi

# Stop the podman-run services before compose.
for c in "$srch" "$ing"; do
  if podman container exists "$c" && [[ "$(podman inspect "$c" --format '{{.State.Running}}')" == true ]]; then
    stop_clean "$c"
  fi
done

# compose_env: the variables of deploy/compose*.yaml (tag, base image, free
# host ports) and, as compose serves TLS with tokens, a development CA and
# one token with every scope, readable by the containers' user.
compose_env() {
  export NEWSINDEX_TAG=$tag BASE="$BASE_IMAGE" BUILDER_BASE="$BASE_IMAGE"
  export NEWSINDEX_INGEST_PORT=$(free_port) NEWSINDEX_SEARCH_PORT=$(free_port)
  export NEWSINDEX_INGEST_ADDR=127.0.0.1:$NEWSINDEX_INGEST_PORT NEWSINDEX_SEARCH_ADDR=127.0.0.1:$NEWSINDEX_SEARCH_PORT
  export NEWSINDEX_METRICS_BIND_PORT_INGEST=$(free_port) NEWSINDEX_METRICS_BIND_PORT_SEARCH=$(free_port)
  export NEWSINDEX_SECRETS="$work/compose-secrets"
  if [[ ! -f "$NEWSINDEX_SECRETS/tokens" ]]; then
    "$repo/scripts/dev-certs" "$NEWSINDEX_SECRETS" >/dev/null || fail "scripts/dev-certs"
    compose_token=$(openssl rand -hex 32)
    printf '%s citest ingest,search,admin\n' "$(printf %s "$compose_token" | sha256sum | cut -d' ' -f1)" >"$NEWSINDEX_SECRETS/tokens"
    chmod 755 "$NEWSINDEX_SECRETS"; chmod 644 "$NEWSINDEX_SECRETS/tokens"
  fi
  export NEWSINDEX_TLS_CA="$NEWSINDEX_SECRETS/ca.pem" NEWSINDEX_TOKEN="$compose_token"
}

# ---- compose: deploy/compose.yaml through podman-compose -------------------------------
if want_case compose; then
  case_start compose
  if ! command -v podman-compose >/dev/null 2>&1; then
    say "NOTE: podman-compose not installed; compose case skipped"
  else
    compose_project="${run_id}c"
    compose_env
    pc() { (cd "$repo/deploy" && podman-compose -p "$compose_project" -f compose.yaml "$@"); }
    # The images are built above; this build checks compose's build section
    # and comes from the layer cache.
    if [[ "$context" == "$repo" ]]; then
      pc build >"$work/compose-build.log" 2>&1 || { tail -30 "$work/compose-build.log"; fail "podman-compose build"; }
    fi
    pc up -d >"$work/compose-up.log" 2>&1 || { cat "$work/compose-up.log"; fail "podman-compose up -d"; }
    ci="${compose_project}_ingest-service_1"
    cs="${compose_project}_search-service_1"
    if wait_healthy "$ci" && wait_healthy "$cs"; then
      nctl health || fail "compose: newsctl health"
      nctl ingest "$repo/examples" >"$work/compose-ingest.out" || fail "compose: newsctl ingest examples/"
      tail -1 "$work/compose-ingest.out"
      total=0
      for _ in $(seq 1 20); do
        total=$(search_total 'grain export corridor') || true
        [[ "$total" -ge 1 ]] && break
        sleep 0.5
      done
      [[ "$total" -ge 1 ]] || fail "compose: search found nothing"
      say "compose: search 'grain export corridor': $total hit(s)"
      if command -v curl >/dev/null 2>&1; then
        for mp in "$NEWSINDEX_METRICS_BIND_PORT_INGEST" "$NEWSINDEX_METRICS_BIND_PORT_SEARCH"; do
          curl -sf "http://127.0.0.1:$mp/metrics" | grep -q '^newsindex_build_info{' ||
            fail "compose: no newsindex_build_info at 127.0.0.1:$mp/metrics"
        done
        say "compose: /metrics answers on both services"
      fi
      podman inspect "$cs" --format '{{range .Mounts}}{{.Destination}} rw={{.RW}}{{end}}' | grep -q "rw=false" ||
        fail "compose: search-service's data volume is not read-only"
      # podman-compose 1.0.3 ignores stop_grace_period: pass the timeout.
      pc stop -t 45 >/dev/null 2>&1 || fail "podman-compose stop"
      for c in "$cs" "$ci"; do
        code=$(podman inspect "$c" --format '{{.State.ExitCode}}')
        [[ "$code" == 0 ]] || fail "compose: $c exit code $code after SIGTERM"
      done
      say "compose: both services exited 0 after SIGTERM"
    fi
    pc down -v -t 5 >/dev/null 2>&1 || true
    compose_project=
    unset NEWSINDEX_TLS_CA NEWSINDEX_TOKEN NEWSINDEX_SECRETS
  fi
fi

# ---- compose-sharded: deploy/compose.sharded.yaml, two remote shards --------------------
if want_case compose-sharded; then
  case_start compose-sharded
  if ! command -v podman-compose >/dev/null 2>&1; then
    say "NOTE: podman-compose not installed; compose-sharded case skipped"
  else
    sharded_project="${run_id}s"
    compose_env
    pcs() { (cd "$repo/deploy" && podman-compose -p "$sharded_project" -f compose.sharded.yaml "$@"); }
    # podman-compose 1.0.3 starts services in dependency order without
    # waiting for health: ingest-service may start before a shard listens,
    # fail and be restarted (restart: unless-stopped).
    pcs up -d >"$work/sharded-up.log" 2>&1 || { cat "$work/sharded-up.log"; fail "podman-compose up -d (sharded)"; }
    ci="${sharded_project}_ingest-service_1"
    cs="${sharded_project}_search-service_1"
    if wait_healthy "$ci" && wait_healthy "$cs"; then
      nctl health || fail "compose-sharded: newsctl health"
      nctl ingest "$repo/examples" >"$work/sharded-ingest.out" || fail "compose-sharded: newsctl ingest examples/"
      tail -1 "$work/sharded-ingest.out"
      created=$(sed -n 's/^[0-9]* sent, \([0-9]*\) created.*/\1/p' "$work/sharded-ingest.out")
      total=0
      for _ in $(seq 1 20); do
        total=$(search_total 'grain export corridor') || true
        [[ "$total" -ge 1 ]] && break
        sleep 0.5
      done
      [[ "$total" -ge 1 ]] || fail "compose-sharded: search found nothing"
      say "compose-sharded: search 'grain export corridor': $total hit(s)"
      all=$(search_total 'place:Kazakhstan OR grain OR cricket OR trade') || all=0
      say "compose-sharded: a search over both shards: $all hit(s)"
      # Stop the writer first (it commits every shard), then the shards.
      pcs stop -t 45 ingest-service search-service >/dev/null 2>&1 || fail "podman-compose stop (sharded services)"
      for c in "$cs" "$ci"; do
        code=$(podman inspect "$c" --format '{{.State.ExitCode}}')
        [[ "$code" == 0 ]] || fail "compose-sharded: $c exit code $code after SIGTERM"
      done
      # Each shard holds some of the articles, and together all of them.
      sum=0
      for i in 0 1; do
        n=$(podman run --rm --label "$label" -v "${sharded_project}_shard-$i-data:/d:ro" \
              "newsindex/xapian:$tag" xapian-delve /d/shard 2>/dev/null |
            sed -n 's/^number of documents = //p')
        say "compose-sharded: shard-$i holds ${n:-?} document(s)"
        [[ "${n:-0}" -ge 1 ]] || fail "compose-sharded: shard-$i holds no document"
        sum=$((sum + ${n:-0}))
      done
      [[ "$sum" -ge "${created:-1}" ]] || fail "compose-sharded: $created created, the shards hold $sum"
      pcs stop -t 10 >/dev/null 2>&1 || fail "podman-compose stop (shards)"
      for i in 0 1; do
        for c in "${sharded_project}_shard-${i}_1" "${sharded_project}_shard-${i}-reader_1"; do
          code=$(podman inspect "$c" --format '{{.State.ExitCode}}')
          [[ "$code" == 0 ]] || fail "compose-sharded: $c exit code $code after SIGTERM"
        done
      done
      say "compose-sharded: services and shard servers exited 0 after SIGTERM"
    else
      podman logs "$ci" 2>&1 | tail -5
    fi
    pcs down -v -t 5 >/dev/null 2>&1 || true
    sharded_project=
    unset NEWSINDEX_TLS_CA NEWSINDEX_TOKEN NEWSINDEX_SECRETS
  fi
fi

# ---- compose-replicas: deploy/compose.replicas.yaml, search on a read replica ------------
# wait_found QUERY: seconds (0.1 s steps, up to 20 s) until a search finds it.
wait_found() {
  local t0 n
  t0=$(date +%s%N)
  for _ in $(seq 1 200); do
    n=$(search_total "$1" 2>/dev/null) || n=0
    if [[ "$n" -ge 1 ]]; then
      echo "$(( ($(date +%s%N) - t0) / 1000000 )) ms"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

if want_case compose-replicas; then
  case_start compose-replicas
  if ! command -v podman-compose >/dev/null 2>&1; then
    say "NOTE: podman-compose not installed; compose-replicas case skipped"
  elif [[ "$(podman run --rm --entrypoint ingest-service "$ingest_image" --helpfull 2>&1 || true)" != *replication_changesets* ]]; then
    say "NOTE: this ingest-service has no --replication-changesets; compose-replicas case skipped"
  else
    replicas_project="${run_id}r"
    compose_env
    pcr() { (cd "$repo/deploy" && podman-compose -p "$replicas_project" -f compose.replicas.yaml "$@"); }
    pcr up -d >"$work/replicas-up.log" 2>&1 || { cat "$work/replicas-up.log"; fail "podman-compose up -d (replicas)"; }
    ci="${replicas_project}_ingest-service_1"
    cr="${replicas_project}_replicate-1_1"
    cs="${replicas_project}_search-service_1"
    if wait_healthy "$ci" && wait_healthy "$cr" && wait_healthy "$cs"; then
      nctl ingest "$repo/examples" >"$work/replicas-ingest.out" || fail "compose-replicas: newsctl ingest examples/"
      tail -1 "$work/replicas-ingest.out"
      # search-service reads only the replica: what it finds came through
      # xapian-replicate, without a restart.
      if lag=$(wait_found 'grain export corridor'); then
        say "compose-replicas: examples/ found on the replica $lag after the ingest returned"
      else
        fail "compose-replicas: the replica did not show examples/ within 20 s"
      fi
      printf '{"id":"nxt-replica-1","title":"Replica check","body":"A later commit with the zqreplicamarker word."}\n' \
        >"$work/replica.jsonl"
      nctl ingest "$work/replica.jsonl" >/dev/null || fail "compose-replicas: ingest of a later article"
      if lag=$(wait_found zqreplicamarker); then
        say "compose-replicas: a later commit found on the replica $lag after its ack"
      else
        fail "compose-replicas: a later commit did not reach the replica within 20 s"
      fi
      podman inspect "$cs" --format '{{range .Mounts}}{{.Destination}} rw={{.RW}} {{end}}' |
        grep -q "/var/lib/newsindex rw=false" || fail "compose-replicas: search-service's replica volume is not read-only"
      pcr stop -t 45 >/dev/null 2>&1 || fail "podman-compose stop (replicas)"
      for c in "$cs" "$cr" "${replicas_project}_replication-server_1" "$ci"; do
        code=$(podman inspect "$c" --format '{{.State.ExitCode}}')
        [[ "$code" == 0 ]] || fail "compose-replicas: $c exit code $code after SIGTERM"
      done
      say "compose-replicas: every container exited 0 after SIGTERM"
    fi
    pcr down -v -t 5 >/dev/null 2>&1 || true
    replicas_project=
    unset NEWSINDEX_TLS_CA NEWSINDEX_TOKEN NEWSINDEX_SECRETS
  fi
fi

say "finished in $(elapsed)"
if [[ $failures -gt 0 ]]; then
  echo "FAIL: container tests: $failures failure(s)" >&2
  exit 1
fi
echo "PASS: container tests ($(elapsed))"
