#!/usr/bin/env python3
"""Policy check of newsindex's Kubernetes manifests.

Usage: check_k8s.py FILE...   (the output of `kubectl kustomize deploy/k8s`,
or the raw manifests). Every workload's containers must have gRPC readiness
and liveness probes, CPU and memory requests and limits, and a non-root,
read-only-root, no-privilege-escalation securityContext; the pod a grace
period that fits the drain; the StatefulSet one replica and a PVC; the reader
container a read-only mount of the data volume; Services must select a pod;
envFrom must name an existing ConfigMap. Exit 0 when all hold, 1 otherwise.
"""
import sys

import yaml

WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}
# ingest-service drains up to 20 s, then commits; preStop sleeps 5 s.
MIN_GRACE_SECONDS = 30

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


def check_container(where, c, pod_sc):
    for probe in ("readinessProbe", "livenessProbe"):
        p = c.get(probe)
        if not p:
            err(where, f"no {probe}")
        elif "grpc" not in p or "port" not in p["grpc"]:
            err(where, f"{probe} is not a grpc: probe with a port")
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
    configmaps = {d["metadata"]["name"] for d in by_kind.get("ConfigMap", [])}
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
            check_container(where, c, pod_sc)
            for ef in c.get("envFrom", []):
                ref = ef.get("configMapRef", {}).get("name")
                if ref and ref not in configmaps:
                    err(where, f"envFrom names a missing ConfigMap {ref}")
        if w["kind"] == "StatefulSet":
            if w["spec"].get("replicas", 1) != 1:
                err(name, "replicas must be 1 (one writer per database)")
            claims = {t["metadata"]["name"] for t in w["spec"].get("volumeClaimTemplates", [])}
            if not claims:
                err(name, "no volumeClaimTemplates (PersistentVolumeClaim)")
            for c in containers:
                for m in c.get("volumeMounts", []):
                    if m["name"] in claims and c["name"] != "ingest-service" and not m.get("readOnly"):
                        err(f'{name} container {c["name"]}', f"mounts the data volume {m['name']} read-write (only ingest-service writes)")
    for s in by_kind.get("Service", []):
        sel = s.get("spec", {}).get("selector", {})
        if not sel or not any(all(l.get(k) == v for k, v in sel.items()) for l in pod_labels):
            err(f'Service/{s["metadata"]["name"]}', "selects no workload's pods")
    check_metrics(workloads, by_kind)
    if errors:
        for e in errors:
            print(f"check_k8s: {e}", file=sys.stderr)
        return 1
    print(f"check_k8s: OK ({len(workloads)} workload(s), {len(docs)} objects): "
          "grpc probes, resources, securityContext, grace period, PVC, read-only reader, metrics ports")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
