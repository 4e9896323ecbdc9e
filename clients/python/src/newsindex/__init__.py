"""Python client for newsindex (API v1 over gRPC).

    import newsindex
    with newsindex.Client() as client:        # NEWSINDEX_* env vars, as newsctl
        client.ingest({"id": "a1", "title": "...", "text": "..."})
        for hit in client.search_iter("wheat", page_size=50):
            print(hit.article.id, hit.score)

Client wraps the generated stubs in newsindex.v1 (also importable
directly: newsindex.v1.search_service_pb2 and friends). Errors are
NewsindexError subclasses carrying the gRPC code and the request id.
"""
from newsindex.client import (Client, ItemResult, raw_article,  # noqa: F401
                              read_articles)
from newsindex.errors import (InvalidArgumentError,  # noqa: F401
                              NewsindexError, NotFoundError,
                              PermissionDeniedError, ResourceExhaustedError,
                              UnauthenticatedError, UnavailableError)
from newsindex.v1 import article_pb2, search_service_pb2  # noqa: F401

__version__ = "0.1.0"

__all__ = [
    "Client", "ItemResult", "raw_article", "read_articles",
    "NewsindexError", "NotFoundError", "InvalidArgumentError",
    "UnauthenticatedError", "PermissionDeniedError",
    "ResourceExhaustedError", "UnavailableError",
]
