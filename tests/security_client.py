#!/usr/bin/python3
"""A Python grpcio client against services with mutual TLS and tokens.

Usage: security_client.py INGEST_ADDR SEARCH_ADDR CERT_DIR OTHER_CA_DIR

Calls through grpc's generic API with hand-encoded request bytes, so that it
needs neither generated stubs nor the protobuf runtime: access is decided
before a request is looked at, and an empty request is a valid one.
Prints "all checks passed" and exits 0, or names the first failed check.
"""
import sys

import grpc

INGEST_ADDR, SEARCH_ADDR, CERTS, OTHER = sys.argv[1:5]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def channel(addr, ca_dir, client_cert=True):
    creds = grpc.ssl_channel_credentials(
        root_certificates=read(ca_dir + "/ca.pem"),
        private_key=read(CERTS + "/client.key") if client_cert else None,
        certificate_chain=read(CERTS + "/client.pem") if client_cert else None,
    )
    return grpc.secure_channel(addr, creds)


def call(chan, method, request=b"", token=None):
    """The status code of one unary call, and its message."""
    rpc = chan.unary_unary(method, request_serializer=None,
                           response_deserializer=None)
    metadata = [("authorization", "Bearer " + token)] if token else None
    try:
        rpc(request, metadata=metadata, timeout=20)
        return grpc.StatusCode.OK, ""
    except grpc.RpcError as e:
        return e.code(), e.details() or ""


def delete_request(article_id):
    data = article_id.encode()
    return b"\x0a" + bytes([len(data)]) + data  # field 1 (id), < 128 bytes


DELETE = "/newsindex.v1.IngestService/DeleteArticle"
ANALYZE = "/newsindex.v1.IngestService/Analyze"
SEARCH = "/newsindex.v1.SearchService/Search"
HEALTH = "/grpc.health.v1.Health/Check"

checks = []


def expect(name, got, want, text=""):
    code, message = got
    ok = code == want and text in message
    checks.append(ok)
    print("%s %s: %s %r" % ("ok  " if ok else "FAIL", name, code, message))


ingest = channel(INGEST_ADDR, CERTS)
search = channel(SEARCH_ADDR, CERTS)
expect("health without token", call(ingest, HEALTH), grpc.StatusCode.OK)
expect("search without token", call(search, SEARCH),
       grpc.StatusCode.UNAUTHENTICATED, "authorization")
expect("search with unknown token", call(search, SEARCH, token="guess"),
       grpc.StatusCode.UNAUTHENTICATED, "unknown token")
expect("search with search token", call(search, SEARCH, token="search-tok"),
       grpc.StatusCode.OK)
expect("analyze with search token", call(ingest, ANALYZE, token="search-tok"),
       grpc.StatusCode.PERMISSION_DENIED, "ingest")
expect("delete with ingest token",
       call(ingest, DELETE, delete_request("x"), token="ingest-tok"),
       grpc.StatusCode.PERMISSION_DENIED, "admin")
expect("delete with admin token",
       call(ingest, DELETE, delete_request("x"), token="admin-tok"),
       grpc.StatusCode.NOT_FOUND)
expect("wrong CA", call(channel(SEARCH_ADDR, OTHER), SEARCH,
                        token="search-tok"), grpc.StatusCode.UNAVAILABLE)
expect("no client certificate",
       call(channel(SEARCH_ADDR, CERTS, client_cert=False), SEARCH,
            token="search-tok"), grpc.StatusCode.UNAVAILABLE)
insecure = grpc.insecure_channel(SEARCH_ADDR)
expect("plaintext to a TLS port", call(insecure, SEARCH, token="search-tok"),
       grpc.StatusCode.UNAVAILABLE)

if all(checks):
    print("all checks passed")
    sys.exit(0)
sys.exit(1)
