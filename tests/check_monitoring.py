#!/usr/bin/env python3
"""Checks newsindex's monitoring files (the deploy_monitoring_check test).

- deploy/prometheus: `promtool check config` and `promtool check rules`;
- deploy/k8s-monitoring/prometheusrule.yaml holds the same rules;
- deploy/grafana/newsindex-dashboard.json is valid JSON whose every query
  names only metrics that docs/operations.md documents;
- every metric docs/operations.md documents is one the code registers
  (its name appears in a source file).
Skips promtool's part with a message when promtool is absent. Exit 0 when
all hold.
"""
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errors = []
METRIC = re.compile(r"\b((?:grpc_server|newsindex|process)_[a-z_]+)")
SUFFIXES = ("_bucket", "_sum", "_count")


def base(name):
    for s in SUFFIXES:
        if name.endswith(s):
            return name[: -len(s)]
    return name


promtool = shutil.which("promtool")
if promtool:
    for args in (["check", "config", "deploy/prometheus/prometheus.yml"],
                 ["check", "rules", "deploy/prometheus/newsindex-alerts.yml"]):
        r = subprocess.run([promtool] + args, cwd=repo, capture_output=True, text=True)
        if r.returncode != 0:
            errors.append(f"promtool {' '.join(args)}: {r.stdout}{r.stderr}")
else:
    print("check_monitoring: promtool absent (Debian package prometheus); not run")

rules = yaml.safe_load(open(os.path.join(repo, "deploy/prometheus/newsindex-alerts.yml")))
operator = yaml.safe_load(open(os.path.join(repo, "deploy/k8s-monitoring/prometheusrule.yaml")))
if operator.get("spec") != rules:
    errors.append("deploy/k8s-monitoring/prometheusrule.yaml differs from deploy/prometheus/newsindex-alerts.yml")

docs = open(os.path.join(repo, "docs/operations.md")).read()
documented = {base(m) for m in METRIC.findall(docs)}
dashboard = json.load(open(os.path.join(repo, "deploy/grafana/newsindex-dashboard.json")))
exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
exprs += [r["expr"] for g in rules["groups"] for r in g["rules"]]
for expr in exprs:
    for name in METRIC.findall(expr):
        if base(name) not in documented:
            errors.append(f"{name} (in a dashboard or alert query) is not in docs/operations.md")

sources = ""
for folder in ("server", "ingest-service", "search-service"):
    for f in os.listdir(os.path.join(repo, folder)):
        if f.endswith(".cc"):
            sources += open(os.path.join(repo, folder, f)).read()
for name in sorted(documented):
    if f'"{name}"' not in sources:
        errors.append(f"{name} is documented but no source registers it")

for e in errors:
    print(f"check_monitoring: {e}", file=sys.stderr)
if not errors:
    print(f"check_monitoring: OK ({len(exprs)} queries, {len(documented)} documented metrics)")
sys.exit(1 if errors else 0)
