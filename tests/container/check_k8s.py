#!/usr/bin/env python3
"""Policy check of newsindex's Kubernetes manifests.

Usage: check_k8s.py FILE...   (the output of `kubectl kustomize deploy/k8s`,
deploy/k8s-sharded, deploy/k8s-replicas, or the raw manifests). Every
container must have CPU and memory requests and limits and a non-root,
read-only-root, no-privilege-escalation securityContext; newsindex's
services gRPC readiness and liveness probes, Xapian's servers (the
newsindex/xapian image) exec probes from inside the pod; every pod a grace
period that fits the drain and every StatefulSet a PVC. Writers: a workload
running ingest-service has one replica (a Deployment the Recreate strategy),
and only a writer (ingest-service, xapian-tcpsrv --writable, xapian-
replicate) mounts the data directory read-write, one per volume and pod.
Layouts: NEWSINDEX_SHARDS names, in ordinal order, every pod of a shard
StatefulSet through its headless Service, ingest-service the writable
server's port and search-service the read-only one's; every Xapian server port is admitted by NetworkPolicy only from
the pods that need it (writer: ingest-service; reader and replication:
search-service). Services must select a pod; envFrom and configMapKeyRef
must name an existing ConfigMap (key). Exit 0 when all hold, 1 otherwise.
"""
import re
import sys

import yaml

WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}
# ingest-service drains up to 20 s, then commits; preStop sleeps 5 s.
MIN_GRACE_SECONDS = 30

# Container ports of Xapian's servers and the client role each admits.
XAPIAN_ROLES = {"shard-writer": "ingest", "shard-reader": "search", "replication-server": "search"}
# Roles that may mount the data directory read-write.
WRITER_ROLES = {"ingest", "shard-writer", "replica"}
DATA_DIR = "/var/lib/newsindex"

errors = []


def err(where, message):
    errors.append(f"{where}: {message}")


def pod_spec(obj):
    kind = obj["kind"]
    if kind == "Pod":
        return obj.get("spec", {}), obj.get("metadata", {}).get("labels", {})
    if kind == "CronJob":
        tmpl = obj["spec"]["jobTemplate"]["spec"]["template"]
    else:
        tmpl = obj["spec"]["template"]
    return tmpl.get("spec", {}), tmpl.get("metadata", {}).get("labels", {})


def role(c):
    """ingest, search, shard-writer, shard-reader, replication-server,
    replica, or None for a container of another image."""
    image = c.get("image", "").split("@")[0].rsplit(":", 1)[0]
    if image.endswith("ingest-service"):
        return "ingest"
    if image.endswith("search-service"):
        return "search"
    if not image.endswith("newsindex/xapian"):
        return None
    words = " ".join(c.get("command", []) + c.get("args", [])).split()
    if "xapian-replicate-server" in words:
        return "replication-server"
    if "xapian-replicate" in words:
        return "replica"
    if "xapian-tcpsrv" in words:
        return "shard-writer" if "--writable" in words else "shard-reader"
    return None


def server_port(c):
    """The --port of a Xapian server container, else None."""
    words = " ".join(c.get("command", []) + c.get("args", [])).split()
    for i, w in enumerate(words[:-1]):
        if w in ("--port", "-p"):
            return int(words[i + 1])
    return None


def check_probes(where, c):
    r = role(c)
    for probe in ("readinessProbe", "livenessProbe"):
        p = c.get(probe)
        if not p:
            err(where, f"no {probe}")
        elif r in ("ingest", "search"):
            if "grpc" not in p or "port" not in p["grpc"]:
                err(where, f"{probe} is not a grpc: probe with a port")
        elif r is not None and "exec" not in p:
            # A tcpSocket probe comes from the node: the NetworkPolicy
            # would have to open an unauthenticated Xapian port to it.
            err(where, f"{probe} of a Xapian server is not an exec: probe (from inside the pod)")


def check_container(where, c, pod_sc, init=False):
    if not init:
        check_probes(where, c)
    elif any(c.get(p) for p in ("readinessProbe", "livenessProbe", "startupProbe")):
        err(where, "an init container cannot have probes")
    res = c.get("resources", {})
    for section in ("requests", "limits"):
        for r in ("cpu", "memory"):
            if r not in res.get(section, {}):
                err(where, f"no resources.{section}.{r}")
    sc = c.get("securityContext", {})
    if not (sc.get("runAsNonRoot") or pod_sc.get("runAsNonRoot")):
        err(where, "runAsNonRoot is not set (container or pod)")
    if (sc.get("runAsUser", pod_sc.get("runAsUser", 1)) or 0) == 0:
        err(where, "runs as uid 0")
    if sc.get("readOnlyRootFilesystem") is not True:
        err(where, "securityContext.readOnlyRootFilesystem is not true")
    if sc.get("allowPrivilegeEscalation") is not False:
        err(where, "securityContext.allowPrivilegeEscalation is not false")
    if "ALL" not in sc.get("capabilities", {}).get("drop", []):
        err(where, "securityContext.capabilities.drop lacks ALL")
    if sc.get("privileged"):
        err(where, "privileged")
    ports = {p.get("containerPort") for p in c.get("ports", [])}
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        port = c.get(probe, {}).get("grpc", {}).get("port")
        if port is not None and port not in ports:
            err(where, f"{probe} port {port} is not a containerPort")


def check_metrics(workloads, by_kind):
    """Every metrics listener is a named container port; every scrape
    annotation and PodMonitor endpoint names one."""
    ports = {}  # name -> number, over all containers
    numbers = set()
    for w in workloads:
        spec, _ = pod_spec(w)
        for c in spec.get("containers", []):
            where = f'{w["kind"]}/{w["metadata"]["name"]} container {c.get("name")}'
            declared = {p.get("containerPort"): p.get("name") for p in c.get("ports", [])}
            for p in c.get("ports", []):
                ports[p.get("name")] = p.get("containerPort")
                numbers.add(p.get("containerPort"))
            for e in c.get("env", []):
                if e.get("name") == "NEWSINDEX_METRICS_LISTEN":
                    port = int(str(e.get("value", "")).rsplit(":", 1)[-1] or 0)
                    if port not in declared:
                        err(where, f"NEWSINDEX_METRICS_LISTEN port {port} is not a containerPort")
    for s in by_kind.get("Service", []):
        ann = s.get("metadata", {}).get("annotations", {}) or {}
        if ann.get("prometheus.io/scrape") == "true":
            port = int(ann.get("prometheus.io/port", 0))
            if port not in numbers:
                err(f'Service/{s["metadata"]["name"]}', f"prometheus.io/port {port} is no container's port")
    for m in by_kind.get("PodMonitor", []):
        for ep in m.get("spec", {}).get("podMetricsEndpoints", []):
            if ep.get("port") not in ports:
                err(f'PodMonitor/{m["metadata"]["name"]}', f"endpoint port {ep.get('port')} is no container's port")


def check_writers(name, w, containers):
    roles = {role(c) for c in containers}
    if "ingest" in roles:
        if w["spec"].get("replicas", 1) != 1:
            err(name, "replicas must be 1 (ingest-service is the single writer of every shard)")
        if w["kind"] == "Deployment" and w["spec"].get("strategy", {}).get("type") != "Recreate":
            err(name, "strategy must be Recreate (a surge pod would be a second writer)")
    if w["kind"] == "StatefulSet" and not w["spec"].get("volumeClaimTemplates"):
        err(name, "no volumeClaimTemplates (PersistentVolumeClaim)")
    writers = {}
    for c in containers:
        for m in c.get("volumeMounts", []):
            if m.get("mountPath") != DATA_DIR or m.get("readOnly"):
                continue
            if role(c) not in WRITER_ROLES:
                err(f'{name} container {c["name"]}', f"mounts the data volume {m['name']} read-write (not a writer)")
            if m["name"] in writers:
                err(name, f"volume {m['name']} mounted read-write by {writers[m['name']]} and {c['name']}")
            writers[m["name"]] = c["name"]


def env_value(e, configmaps, where):
    if "value" in e:
        return str(e["value"])
    ref = e.get("valueFrom", {}).get("configMapKeyRef")
    if not ref:
        return None
    data = configmaps.get(ref.get("name"))
    if data is None or ref.get("key") not in data:
        err(where, f"{e['name']}: no ConfigMap {ref.get('name')} with key {ref.get('key')}")
        return None
    return str(data[ref["key"]])


def check_layouts(workloads, by_kind, configmaps):
    """NEWSINDEX_SHARDS names the pods of a shard StatefulSet in order, through
    its headless Service, at the right server's port."""
    headless = {s["metadata"]["name"] for s in by_kind.get("Service", [])
                if s.get("spec", {}).get("clusterIP") == "None"}
    stateful = {w["spec"].get("serviceName"): w for w in by_kind.get("StatefulSet", [])}
    counts = set()
    for w in workloads:
        spec, _ = pod_spec(w)
        for c in spec.get("containers", []):
            where = f'{w["kind"]}/{w["metadata"]["name"]} container {c.get("name")}'
            env = {e["name"]: e for e in c.get("env", [])}
            if "NEWSINDEX_SHARDS" not in env:
                continue
            value = env_value(env["NEWSINDEX_SHARDS"], configmaps, where)
            if value is None:
                continue
            locations = [l.strip() for l in value.split(",")]
            counts.add(len(locations))
            want = "shard-writer" if role(c) == "ingest" else "shard-reader"
            check_shard_list(where, locations, want, headless, stateful)
    if len(counts) > 1:
        err("NEWSINDEX_SHARDS", f"ingest-service and search-service name different shard counts {sorted(counts)}")


def check_shard_list(where, locations, want, headless, stateful):
    expected = 0
    for loc in locations:
        m = re.fullmatch(r"tcp://([a-z0-9-]+)-(\d+)\.([a-z0-9-]+)(\.[a-z0-9.-]+)?:(\d+)", loc)
        if not m:
            if loc.startswith("tcp://"):
                err(where, f"{loc}: not <statefulset>-<ordinal>.<headless service>:<port>")
            continue
        sts_name, ordinal, svc, _, port = m.groups()
        sts = stateful.get(svc)
        if svc not in headless or sts is None or sts["metadata"]["name"] != sts_name:
            err(where, f"{loc}: no StatefulSet {sts_name} governed by a headless Service {svc}")
            continue
        if int(ordinal) != expected:
            err(where, f"{loc}: shard {expected} must be pod ordinal {expected} (order is the index's identity)")
        expected += 1
        servers = {server_port(c): role(c) for c in pod_spec(sts)[0].get("containers", [])}
        if servers.get(int(port)) != want:
            err(where, f"{loc}: port {port} is not the {want} server of {sts_name}")
    for sts in stateful.values():
        if expected and sts["metadata"]["name"] in " ".join(locations):
            if sts["spec"].get("replicas", 1) != expected:
                err(where, f"names {expected} shards, StatefulSet {sts['metadata']['name']} has {sts['spec'].get('replicas', 1)}")


def selector_matches(selector, labels):
    if set(selector) - {"matchLabels"}:
        return None  # matchExpressions: not understood here
    return all(labels.get(k) == v for k, v in (selector.get("matchLabels") or {}).items())


def check_xapian_policies(workloads, by_kind):
    """Every Xapian server port is admitted only from the pods that use it."""
    pods = []  # (labels, roles)
    for w in workloads:
        spec, labels = pod_spec(w)
        pods.append((labels, {role(c) for c in spec.get("containers", [])}))
    policies = by_kind.get("NetworkPolicy", [])
    for w in workloads:
        spec, labels = pod_spec(w)
        name = f'{w["kind"]}/{w["metadata"]["name"]}'
        ports = {server_port(c): role(c) for c in spec.get("containers", []) if role(c) in XAPIAN_ROLES}
        if not ports:
            continue
        selecting = [p for p in policies if selector_matches(p["spec"].get("podSelector", {}), labels)
                     and "Ingress" in p["spec"].get("policyTypes", ["Ingress"])]
        if not selecting:
            err(name, "runs a Xapian server (no authentication) but no NetworkPolicy selects its pods")
        for p in selecting:
            for rule in p["spec"].get("ingress", []):
                rule_ports = {q.get("port") for q in rule.get("ports", [])} or set(ports)
                for port in rule_ports & set(ports):
                    check_peers(f'NetworkPolicy/{p["metadata"]["name"]}', rule, port,
                                XAPIAN_ROLES[ports[port]], pods)


def check_peers(where, rule, port, client, pods):
    peers = rule.get("from")
    if not peers:
        err(where, f"admits anyone to Xapian port {port}")
        return
    for peer in peers:
        if set(peer) != {"podSelector"}:
            err(where, f"port {port}: a peer other than a podSelector in this namespace ({sorted(peer)})")
            continue
        matched = [roles for labels, roles in pods if selector_matches(peer["podSelector"], labels)]
        if not matched or any(client not in roles for roles in matched):
            err(where, f"port {port}: admits pods other than {client}-service ones")


def main(paths):
    docs = []
    for path in paths:
        with open(path) as f:
            docs.extend(d for d in yaml.safe_load_all(f) if d)
    by_kind = {}
    for d in docs:
        for key in ("apiVersion", "kind", "metadata"):
            if key not in d:
                err(str(d)[:60], f"no {key}")
        by_kind.setdefault(d.get("kind"), []).append(d)
    configmaps = {d["metadata"]["name"]: d.get("data", {}) or {} for d in by_kind.get("ConfigMap", [])}
    workloads = [d for d in docs if d.get("kind") in WORKLOADS]
    if not workloads:
        err("manifests", "no workload found")
    pod_labels = []
    for w in workloads:
        name = f'{w["kind"]}/{w["metadata"]["name"]}'
        spec, labels = pod_spec(w)
        pod_labels.append(labels)
        pod_sc = spec.get("securityContext", {})
        if not pod_sc.get("runAsNonRoot"):
            err(name, "pod securityContext.runAsNonRoot is not true")
        grace = spec.get("terminationGracePeriodSeconds")
        if grace is None or grace < MIN_GRACE_SECONDS:
            err(name, f"terminationGracePeriodSeconds {grace} < {MIN_GRACE_SECONDS} (drain + final commit)")
        containers = spec.get("containers", [])
        if not containers:
            err(name, "no containers")
        for c in containers + spec.get("initContainers", []):
            where = f'{name} container {c.get("name")}'
            check_container(where, c, pod_sc, init=c not in containers)
            for ef in c.get("envFrom", []):
                ref = ef.get("configMapRef", {}).get("name")
                if ref and ref not in configmaps:
                    err(where, f"envFrom names a missing ConfigMap {ref}")
        check_writers(name, w, containers)
    for s in by_kind.get("Service", []):
        sel = s.get("spec", {}).get("selector", {})
        if not sel or not any(all(l.get(k) == v for k, v in sel.items()) for l in pod_labels):
            err(f'Service/{s["metadata"]["name"]}', "selects no workload's pods")
    check_metrics(workloads, by_kind)
    check_layouts(workloads, by_kind, configmaps)
    check_xapian_policies(workloads, by_kind)
    if errors:
        for e in errors:
            print(f"check_k8s: {e}", file=sys.stderr)
        return 1
    print(f"check_k8s: OK ({len(workloads)} workload(s), {len(docs)} objects): "
          "probes, resources, securityContext, grace period, PVC, single writer, read-only readers, "
          "metrics ports, shard layout, Xapian port policies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
