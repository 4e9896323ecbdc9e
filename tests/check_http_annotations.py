#!/usr/bin/python3
"""Every RPC of API v1 has a google.api.http option (docs/http.md), so that
the gateway and docs/openapi.json cover the whole API: an RPC added without
one fails here. ctest: http_annotations_check."""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RPC = re.compile(r"^\s*rpc\s+(\w+)\s*\(", re.M)


def missing(text):
    """Names of the RPCs whose definition has no google.api.http option."""
    names = []
    starts = [(m.start(), m.group(1)) for m in RPC.finditer(text)]
    for i, (start, name) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        body = text[start:end]
        # The option sits in the rpc's braces, before the service's "}".
        body = body.split("\n}", 1)[0]
        if "option (google.api.http)" not in body:
            names.append(name)
    return names


def main():
    assert missing("  rpc A(X) returns (Y);\n  rpc B(X) returns (Y) {\n"
                   "    option (google.api.http) = {get: \"/b\"};\n  }\n}\n"
                   ) == ["A"], "self-test"
    failures = []
    files = sorted(glob.glob(os.path.join(ROOT, "proto/newsindex/v1/*.proto")))
    for path in files:
        with open(path) as f:
            for name in missing(f.read()):
                failures.append("%s: rpc %s has no google.api.http option "
                                "(docs/http.md)" % (os.path.relpath(path, ROOT),
                                                    name))
    for line in failures:
        print("check_http_annotations:", line, file=sys.stderr)
    if not failures:
        print("check_http_annotations: every RPC of %d files is mapped" %
              len(files))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
