#!/usr/bin/env python3
"""Policy check of newsindex's compose files.

Usage: check_compose.py FILE...   (deploy/compose.yaml, compose.sharded.yaml,
compose.replicas.yaml). Every newsindex or Xapian service runs with a read-only root file system,
a health check and a restart policy; at most one ingest-service, with a
grace period that fits its drain. Xapian's servers (the newsindex/xapian
image) publish no port (their protocols have no authentication). Only a
writer (ingest-service, xapian-tcpsrv --writable, xapian-replicate) mounts a
volume read-write, one per volume. NEWSINDEX_SHARDS names services of the
file at their server's --port: ingest-service the writable servers, search-
service read-only ones, as many of each.
xapian-replicate names a xapian-replicate-server of the file at its port,
serving the volume and directory ingest-service writes, and the search-
service reading the replica opens the directory xapian-replicate fills.
Exit 0 when all hold, 1 otherwise.
"""
import re
import sys

import yaml

DATA_DIR = "/var/lib/newsindex"
WRITER_ROLES = {"ingest", "shard-writer", "replica"}
errors = []


def err(where, message):
    errors.append(f"{where}: {message}")


def words(svc):
    cmd = svc.get("command", [])
    return (cmd.split() if isinstance(cmd, str) else " ".join(cmd).split())


def role(svc):
    image = str(svc.get("image", "")).rsplit(":", 1)[0]
    target = (svc.get("build") or {}).get("target", "")
    for name in ("ingest-service", "search-service"):
        if image.endswith(name) or target == name:
            return name.split("-")[0]
    w = words(svc)
    if "xapian-replicate-server" in w:
        return "replication-server"
    if "xapian-replicate" in w:
        return "replica"
    if "xapian-tcpsrv" in w:
        return "shard-writer" if "--writable" in w else "shard-reader"
    return None


def option(svc, *names):
    w = words(svc)
    for i, x in enumerate(w[:-1]):
        if x in names:
            return w[i + 1]
    return None


def mounts(svc):
    """(volume, target, read_only) of each named-volume or bind mount."""
    out = []
    for v in svc.get("volumes", []):
        parts = v.split(":") if isinstance(v, str) else [v.get("source"), v.get("target")]
        ro = isinstance(v, str) and len(parts) > 2 and "ro" in parts[2].split(",")
        if isinstance(v, dict):
            ro = bool(v.get("read_only"))
        out.append((parts[0], parts[1] if len(parts) > 1 else parts[0], ro))
    return out


def data_volume(svc):
    for vol, target, ro in mounts(svc):
        if target == DATA_DIR:
            return vol, ro
    return None, None


def seconds(text):
    m = re.fullmatch(r"(\d+)s", str(text or ""))
    return int(m.group(1)) if m else 0


def check_service(path, name, svc):
    where = f"{path}: {name}"
    r = role(svc)
    if r is None:
        return r  # not newsindex's (the monitoring overlay's Prometheus, Grafana)
    if svc.get("read_only") is not True:
        err(where, "read_only is not true")
    if not (svc.get("healthcheck") or {}).get("test"):
        err(where, "no healthcheck")
    if not svc.get("restart"):
        err(where, "no restart policy")
    if r in ("shard-writer", "shard-reader", "replication-server", "replica") and svc.get("ports"):
        err(where, "publishes a Xapian port (no authentication): keep it on the project network")
    if r == "ingest":
        if (svc.get("deploy") or {}).get("replicas", 1) != 1 or svc.get("scale", 1) != 1:
            err(where, "more than one ingest-service (the single writer)")
        if seconds(svc.get("stop_grace_period")) < 30:
            err(where, "stop_grace_period under 30s (drain + final commit)")
    vol, ro = data_volume(svc)
    if vol is not None and not ro and r not in WRITER_ROLES:
        err(where, f"mounts {vol} read-write (not a writer)")
    return r


def env(svc):
    e = svc.get("environment") or {}
    if isinstance(e, list):
        e = dict(x.split("=", 1) for x in e)
    return {k: ("" if v is None else str(v)) for k, v in e.items()}


def check_shards(path, services, roles):
    counts = set()
    for name, svc in services.items():
        value = env(svc).get("NEWSINDEX_SHARDS")
        if value is None:
            continue
        where = f"{path}: {name}"
        want = "shard-writer" if roles[name] == "ingest" else "shard-reader"
        locations = [l.strip() for l in value.split(",")]
        counts.add(len(locations))
        for loc in locations:
            m = re.fullmatch(r"tcp://([A-Za-z0-9_.-]+):(\d+)", loc)
            if not m:
                continue
            host, port = m.groups()
            if host not in services:
                err(where, f"{loc}: no service {host} in the file")
            elif roles[host] != want or option(services[host], "--port") != port:
                err(where, f"{loc}: {host} is not a {want} on port {port}")
            elif roles[name] == "ingest" and host not in (svc.get("depends_on") or {}):
                err(where, f"does not depend on its shard {host}")
    if len(counts) > 1:
        err(path, f"ingest-service and search-service name different shard counts {sorted(counts)}")


def check_replication(path, services, roles):
    ingest = [s for n, s in services.items() if roles[n] == "ingest"]
    for name, svc in services.items():
        if roles[name] != "replica":
            continue
        where = f"{path}: {name}"
        host, port = option(svc, "--host", "-h"), option(svc, "--port", "-p")
        master = option(svc, "--master", "-m")
        server = services.get(host)
        if server is None or roles[host] != "replication-server" or option(server, "--port", "-p") != port:
            err(where, f"--host {host} --port {port} is no xapian-replicate-server of the file")
            continue
        served = words(server)[-1].rstrip("/")
        src_vol, _ = data_volume(server)
        if not any(data_volume(i)[0] == src_vol and env(i).get("NEWSINDEX_DB") == f"{served}/{master}"
                   for i in ingest):
            err(where, f"--master {master}: not the database ingest-service writes on {src_vol}")
        vol, _ = data_volume(svc)
        replica_dir = words(svc)[-1]
        readers = [n for n, s in services.items() if roles[n] == "search" and data_volume(s)[0] == vol]
        if not readers:
            err(where, f"no search-service reads the replica volume {vol}")
        for n in readers:
            if env(services[n]).get("NEWSINDEX_DB") != replica_dir:
                err(f"{path}: {n}", f"NEWSINDEX_DB is not the replica directory {replica_dir}")


def check_file(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    services = doc.get("services") or {}
    if not services:
        err(path, "no services")
    roles = {name: check_service(path, name, svc) for name, svc in services.items()}
    if sum(1 for r in roles.values() if r == "ingest") > 1:
        err(path, "more than one ingest-service")
    writers = {}
    for name, svc in services.items():
        for vol, target, ro in mounts(svc):
            if target == DATA_DIR and not ro:
                if vol in writers:
                    err(path, f"volume {vol} mounted read-write by {writers[vol]} and {name}")
                writers[vol] = name
    check_shards(path, services, roles)
    check_replication(path, services, roles)
    return len(services)


def main(paths):
    counts = [check_file(p) for p in paths]
    if errors:
        for e in errors:
            print(f"check_compose: {e}", file=sys.stderr)
        return 1
    print(f"check_compose: OK ({len(paths)} file(s), {sum(counts)} services): read-only roots, health checks, "
          "single writer per volume, unpublished Xapian ports, shard lists, replication wiring")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
