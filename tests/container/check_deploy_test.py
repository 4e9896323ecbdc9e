#!/usr/bin/env python3
"""The deploy_manifest_check test: every layout in deploy/ passes its policy
check, and each check catches the mistakes it exists for.

- `kubectl kustomize` renders deploy/k8s, k8s-sharded, k8s-replicas and
  k8s-monitoring, and check_k8s.py accepts each (without kubectl only the
  raw deploy/k8s manifests are checked, with a NOTE);
- check_compose.py accepts deploy/compose*.yaml;
- table: one deliberate mistake at a time (a second ingest replica, a shard
  list out of order, search-service on a writable shard server, a Xapian port
  open to everyone, ...) makes the check fail with the expected message.
Exit 0 when all hold.
"""
import copy
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
here = os.path.join(repo, "tests", "container")
failures = []


def run_check(script, docs_or_files, tmp, multi=False):
    """Runs check_k8s.py (one file of all documents) or check_compose.py
    (one compose document); returns (exit code, stderr)."""
    path = os.path.join(tmp, "input.yaml")
    with open(path, "w") as f:
        if multi:
            yaml.safe_dump_all(docs_or_files, f)
        else:
            yaml.safe_dump(docs_or_files, f)
    r = subprocess.run([sys.executable, os.path.join(here, script), path], capture_output=True, text=True)
    return r.returncode, r.stderr


def find(docs, kind, name):
    return next(d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name)


def pod(docs, kind, name):
    return find(docs, kind, name)["spec"]["template"]["spec"]


def container(docs, kind, name, cname):
    return next(c for c in pod(docs, kind, name)["containers"] if c["name"] == cname)


def set_layout(docs, key, value):
    find(docs, "ConfigMap", "newsindex-layout")["data"][key] = value


SHARD = "tcp://newsindex-shard-{}.newsindex-shards:{}"

# (name, mutation of the rendered k8s-sharded documents, expected message)
SHARDED_CASES = [
    ("second ingest replica",
     lambda d: find(d, "Deployment", "newsindex-ingest")["spec"].update(replicas=2),
     "replicas must be 1"),
    ("ingest rolling update",
     lambda d: find(d, "Deployment", "newsindex-ingest")["spec"].update(strategy={"type": "RollingUpdate"}),
     "strategy must be Recreate"),
    ("shards out of order",
     lambda d: set_layout(d, "ingest-shards", ",".join(SHARD.format(i, 50071) for i in (1, 0, 2))),
     "must be pod ordinal 0"),
    ("search on the writable server",
     lambda d: set_layout(d, "search-shards", ",".join(SHARD.format(i, 50071) for i in range(3))),
     "is not the shard-reader server"),
    ("one shard too many in the StatefulSet",
     lambda d: find(d, "StatefulSet", "newsindex-shard")["spec"].update(replicas=4),
     "names 3 shards, StatefulSet newsindex-shard has 4"),
    ("shard lists of different lengths",
     lambda d: set_layout(d, "search-shards", ",".join(SHARD.format(i, 50072) for i in range(2))),
     "different shard counts"),
    ("reader server mounts the shard read-write",
     lambda d: container(d, "StatefulSet", "newsindex-shard", "tcpsrv-reader")["volumeMounts"][0].pop("readOnly"),
     "read-write (not a writer)"),
    ("writable port open to every pod",
     lambda d: find(d, "NetworkPolicy", "newsindex-shard")["spec"]["ingress"][0].update(
         {"from": [{"podSelector": {}}]}),
     "admits pods other than ingest-service ones"),
    ("writable port open to other namespaces",
     lambda d: find(d, "NetworkPolicy", "newsindex-shard")["spec"]["ingress"][0]["from"][0].update(
         namespaceSelector={}),
     "a peer other than a podSelector"),
    ("shard pods without a NetworkPolicy",
     lambda d: d.remove(find(d, "NetworkPolicy", "newsindex-shard")),
     "no NetworkPolicy selects its pods"),
    ("tcpSocket probe on a shard server",
     lambda d: container(d, "StatefulSet", "newsindex-shard", "tcpsrv-writer").update(
         livenessProbe={"tcpSocket": {"port": 50071}}),
     "not an exec: probe"),
    ("missing layout key",
     lambda d: find(d, "ConfigMap", "newsindex-layout")["data"].pop("search-shards"),
     "no ConfigMap newsindex-layout with key search-shards"),
]

REPLICA_CASES = [
    ("replication server writes the writer's volume",
     lambda d: container(d, "StatefulSet", "newsindex", "replication-server")["volumeMounts"][0].pop("readOnly"),
     "read-write (not a writer)"),
    ("replication port open to ingest clients",
     lambda d: find(d, "NetworkPolicy", "newsindex-replication")["spec"]["ingress"][0]["from"][0][
         "podSelector"]["matchLabels"].update({"app.kubernetes.io/component": "ingest-service"}),
     "admits pods other than search-service ones"),
    ("probe on an init container",
     lambda d: pod(d, "Deployment", "newsindex-search")["initContainers"][0].update(
         readinessProbe={"exec": {"command": ["true"]}}),
     "an init container cannot have probes"),
]


def compose_service(doc, name):
    return doc["services"][name]


COMPOSE_SHARDED_CASES = [
    ("shard port published",
     lambda d: compose_service(d, "shard-0").update(ports=["127.0.0.1:50071:50071"]),
     "publishes a Xapian port"),
    ("search on a writable server",
     lambda d: compose_service(d, "search-service")["environment"].update(
         NEWSINDEX_SHARDS="tcp://shard-0:50071,tcp://shard-1:50071"),
     "is not a shard-reader on port 50071"),
    ("shard that is not in the file",
     lambda d: compose_service(d, "ingest-service")["environment"].update(
         NEWSINDEX_SHARDS="tcp://shard-0:50071,tcp://shard-9:50071"),
     "no service shard-9"),
    ("reader mounts the shard read-write",
     lambda d: compose_service(d, "shard-0-reader").update(volumes=["shard-0-data:/var/lib/newsindex"]),
     "mounts shard-0-data read-write"),
    ("two ingest-services",
     lambda d: compose_service(d, "ingest-service").update(deploy={"replicas": 2}),
     "more than one ingest-service"),
]

COMPOSE_REPLICA_CASES = [
    ("replica of a database nobody writes",
     lambda d: compose_service(d, "replicate-1").update(command=[
         "xapian-replicate", "--host", "replication-server", "--port", "50073", "--master", "other",
         "--interval", "1", "/var/lib/newsindex/index"]),
     "--master other: not the database ingest-service writes"),
    ("search-service not on the replica directory",
     lambda d: compose_service(d, "search-service")["environment"].update(NEWSINDEX_DB="/var/lib/newsindex/x"),
     "NEWSINDEX_DB is not the replica directory"),
]


def check_cases(script, base, cases, tmp, multi):
    code, stderr = run_check(script, base, tmp, multi)
    if code != 0:
        failures.append(f"{script}: the unmodified input fails: {stderr}")
        return
    for name, mutate, expected in cases:
        docs = copy.deepcopy(base)
        mutate(docs)
        code, stderr = run_check(script, docs, tmp, multi)
        if code == 0 or expected not in stderr:
            failures.append(f"{script} missed '{name}': exit {code}, want '{expected}' in: {stderr.strip()}")
        else:
            print(f"check_deploy_test: caught {name}")


def render(directory):
    r = subprocess.run(["kubectl", "kustomize", os.path.join(repo, "deploy", directory)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"kubectl kustomize deploy/{directory}: {r.stderr}")
        return None
    return [d for d in yaml.safe_load_all(r.stdout) if d]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        if shutil.which("kubectl"):
            rendered = {}
            for directory in ("k8s", "k8s-sharded", "k8s-replicas", "k8s-monitoring"):
                docs = render(directory)
                if docs is None:
                    continue
                rendered[directory] = docs
                code, stderr = run_check("check_k8s.py", docs, tmp, multi=True)
                if code != 0:
                    failures.append(f"deploy/{directory}: {stderr}")
                else:
                    print(f"check_deploy_test: deploy/{directory} passes check_k8s.py ({len(docs)} objects)")
            if "k8s-sharded" in rendered:
                check_cases("check_k8s.py", rendered["k8s-sharded"], SHARDED_CASES, tmp, True)
            if "k8s-replicas" in rendered:
                check_cases("check_k8s.py", rendered["k8s-replicas"], REPLICA_CASES, tmp, True)
        else:
            print("check_deploy_test: NOTE: kubectl not installed (Debian: kubernetes-client); "
                  "checking the raw deploy/k8s manifests only")
            raw = [os.path.join(repo, "deploy/k8s", f) for f in sorted(os.listdir(os.path.join(repo, "deploy/k8s")))
                   if f.endswith(".yaml") and f != "kustomization.yaml"]
            r = subprocess.run([sys.executable, os.path.join(here, "check_k8s.py")] + raw,
                               capture_output=True, text=True)
            if r.returncode != 0:
                failures.append(f"deploy/k8s: {r.stderr}")
        composes = {}
        for name in ("compose.yaml", "compose.sharded.yaml", "compose.replicas.yaml", "compose.monitoring.yaml"):
            with open(os.path.join(repo, "deploy", name)) as f:
                composes[name] = yaml.safe_load(f)
            code, stderr = run_check("check_compose.py", composes[name], tmp, multi=False)
            if code != 0:
                failures.append(f"deploy/{name}: {stderr}")
            else:
                print(f"check_deploy_test: deploy/{name} passes check_compose.py")
        check_cases("check_compose.py", composes["compose.sharded.yaml"], COMPOSE_SHARDED_CASES, tmp, False)
        check_cases("check_compose.py", composes["compose.replicas.yaml"], COMPOSE_REPLICA_CASES, tmp, False)
    for f in failures:
        print(f"FAIL: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
