"""A typed layer over the generated API v1 stubs (newsindex.v1)."""
import dataclasses
import itertools
import json
import os
import uuid
from typing import Iterable, Iterator, List, Optional, Sequence, Union

import grpc
from google.protobuf import json_format

from newsindex.errors import from_rpc_error
from newsindex.v1 import article_pb2
from newsindex.v1 import ingest_service_pb2 as ingest_pb
from newsindex.v1 import ingest_service_pb2_grpc as ingest_grpc
from newsindex.v1 import search_service_pb2 as search_pb
from newsindex.v1 import search_service_pb2_grpc as search_grpc

# newsctl's defaults and environment variables (docs/newsctl.md).
DEFAULT_INGEST_ADDR = "127.0.0.1:50051"
DEFAULT_SEARCH_ADDR = "127.0.0.1:50052"
# newsctl's batch size: well below the service's --max-stream-results
# (10,000), so that every item of a batch gets its own result.
DEFAULT_BATCH_SIZE = 500
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

ArticleLike = Union[article_pb2.RawArticle, dict]


@dataclasses.dataclass
class ItemResult:
    """What became of one article of ingest_many / ingest_files.

    index counts from 0 over everything passed in; ok is False when the
    article was not stored, with the gRPC code (an int) and message saying
    why. origin names where the article came from ("file.jsonl:3") when it
    was read from a file.
    """
    index: int
    ok: bool
    code: int
    message: str
    id: str = ""
    created: bool = False
    warnings: List[str] = dataclasses.field(default_factory=list)
    duplicate_of: str = ""
    origin: str = ""


def raw_article(article: ArticleLike) -> article_pb2.RawArticle:
    """A RawArticle from a message or a dict of its JSON fields (id, url,
    title, source, language, published_at as RFC 3339, and the content as
    text, html or, as in newsctl's JSON input, body)."""
    if isinstance(article, article_pb2.RawArticle):
        return article
    record = dict(article)
    if "body" in record and "text" not in record and "html" not in record:
        record["text"] = record.pop("body")
    return json_format.ParseDict(record, article_pb2.RawArticle(),
                                 ignore_unknown_fields=True)


def read_articles(path: str) -> Iterator[tuple]:
    """(origin, RawArticle) for each article in a file, by its extension:
    .jsonl/.ndjson one JSON object a line, .json one object or an array,
    .html/.htm one HTML article, anything else one text article."""
    lower = path.lower()
    with open(path, encoding="utf-8") as f:
        if lower.endswith((".jsonl", ".ndjson")):
            for number, line in enumerate(f, 1):
                if line.strip():
                    yield "%s:%d" % (path, number), raw_article(
                        json.loads(line))
            return
        text = f.read()
    if lower.endswith(".json"):
        records = json.loads(text)
        if isinstance(records, dict):
            records = [records]
        for number, record in enumerate(records):
            yield "%s[%d]" % (path, number), raw_article(record)
    elif lower.endswith((".html", ".htm")):
        yield path, article_pb2.RawArticle(html=text)
    else:
        yield path, article_pb2.RawArticle(text=text)


def _env(value, name, default=""):
    return value if value else os.environ.get(name, default)


def _read(path):
    with open(path, "rb") as f:
        return f.read()


class Client:
    """Both newsindex services, over gRPC.

    Every argument falls back to newsctl's environment variable, so a
    program configured for newsctl works unchanged:
    ingest_addr NEWSINDEX_INGEST_ADDR, search_addr NEWSINDEX_SEARCH_ADDR,
    token NEWSINDEX_TOKEN, tls_ca NEWSINDEX_TLS_CA, tls_cert
    NEWSINDEX_CLIENT_CERT, tls_key NEWSINDEX_CLIENT_KEY. TLS is on when a
    CA or a client certificate is given (without a CA, the system roots
    are trusted). timeout is each call's deadline in seconds.

    Failed calls raise newsindex.NewsindexError (a subclass per status)
    carrying the gRPC code, message and the call's request id. Use as a
    context manager, or call close().
    """

    def __init__(self, ingest_addr: Optional[str] = None,
                 search_addr: Optional[str] = None, *,
                 token: Optional[str] = None, tls_ca: Optional[str] = None,
                 tls_cert: Optional[str] = None,
                 tls_key: Optional[str] = None,
                 tls_server_name: Optional[str] = None,
                 timeout: float = 30.0):
        self.timeout = timeout
        self._token = _env(token, "NEWSINDEX_TOKEN")
        credentials = self._credentials(
            _env(tls_ca, "NEWSINDEX_TLS_CA"),
            _env(tls_cert, "NEWSINDEX_CLIENT_CERT"),
            _env(tls_key, "NEWSINDEX_CLIENT_KEY"))
        options = [("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
                   ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES)]
        if tls_server_name:
            options.append(("grpc.ssl_target_name_override", tls_server_name))
        self._channels = [
            self._channel(_env(ingest_addr, "NEWSINDEX_INGEST_ADDR",
                               DEFAULT_INGEST_ADDR), credentials, options),
            self._channel(_env(search_addr, "NEWSINDEX_SEARCH_ADDR",
                               DEFAULT_SEARCH_ADDR), credentials, options)]
        self.ingest_stub = ingest_grpc.IngestServiceStub(self._channels[0])
        self.search_stub = search_grpc.SearchServiceStub(self._channels[1])

    @staticmethod
    def _credentials(ca, cert, key):
        if not ca and not cert:
            return None
        if bool(cert) != bool(key):
            raise ValueError("tls_cert and tls_key: give both or neither")
        return grpc.ssl_channel_credentials(
            root_certificates=_read(ca) if ca else None,
            private_key=_read(key) if key else None,
            certificate_chain=_read(cert) if cert else None)

    @staticmethod
    def _channel(address, credentials, options):
        if credentials is None:
            return grpc.insecure_channel(address, options=options)
        return grpc.secure_channel(address, credentials, options=options)

    def close(self) -> None:
        for channel in self._channels:
            channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _call(self, stub_method, name, request):
        """One call with the token, a new request id and the deadline."""
        request_id = uuid.uuid4().hex
        metadata = [("x-request-id", request_id)]
        if self._token:
            metadata.append(("authorization", "Bearer " + self._token))
        try:
            return stub_method(request, timeout=self.timeout,
                               metadata=metadata)
        except grpc.RpcError as error:
            raise from_rpc_error(error, request_id, name) from None

    # Ingest.

    def ingest(self, article: ArticleLike) -> ingest_pb.IngestArticleResponse:
        """Stores one article; returns once it is durable (id, created,
        warnings, duplicate_of and the stored article)."""
        return self._call(self.ingest_stub.IngestArticle,
                          "IngestService/IngestArticle",
                          ingest_pb.IngestArticleRequest(
                              article=raw_article(article)))

    def ingest_many(self, articles: Iterable[ArticleLike],
                    batch_size: int = DEFAULT_BATCH_SIZE
                    ) -> Iterator[ItemResult]:
        """Streams articles in batches (one IngestArticles stream each) and
        yields one ItemResult per article, in order. A bad article fails
        alone; a failed stream (a token without the ingest scope, say)
        raises NewsindexError."""
        if batch_size < 1 or batch_size > 10000:
            raise ValueError("batch_size must be 1..10000")
        iterator = iter(articles)
        offset = 0
        while True:
            batch = [raw_article(a)
                     for a in itertools.islice(iterator, batch_size)]
            if not batch:
                return
            yield from self._ingest_batch(batch, offset)
            offset += len(batch)

    def _ingest_batch(self, batch, offset):
        requests = iter([ingest_pb.IngestArticleRequest(article=a)
                         for a in batch])
        reply = self._call(self.ingest_stub.IngestArticles,
                           "IngestService/IngestArticles", requests)
        for result in reply.results:
            yield ItemResult(
                index=offset + result.index, ok=result.status.code == 0,
                code=result.status.code, message=result.status.message,
                id=result.id, created=result.created,
                warnings=list(result.warnings),
                duplicate_of=result.duplicate_of)

    def ingest_files(self, paths: Sequence[str],
                     batch_size: int = DEFAULT_BATCH_SIZE
                     ) -> Iterator[ItemResult]:
        """ingest_many over the articles of files (read_articles), each
        result's origin naming the file and line."""
        origins = []

        def articles():
            for path in paths:
                for origin, article in read_articles(path):
                    origins.append(origin)
                    yield article
        for result in self.ingest_many(articles(), batch_size):
            result.origin = origins[result.index]
            yield result

    def delete(self, article_id: str) -> None:
        """Deletes an article; NotFoundError when no article has the id."""
        self._call(self.ingest_stub.DeleteArticle,
                   "IngestService/DeleteArticle",
                   ingest_pb.DeleteArticleRequest(id=article_id))

    def analyze(self, article: ArticleLike) -> ingest_pb.AnalyzeResponse:
        """What ingesting would store, without storing it."""
        return self._call(self.ingest_stub.Analyze, "IngestService/Analyze",
                          ingest_pb.AnalyzeRequest(
                              article=raw_article(article)))

    def limits(self) -> ingest_pb.GetLimitsResponse:
        """The ingest limits (max_article_bytes, max_request_bytes)."""
        return self._call(self.ingest_stub.GetLimits,
                          "IngestService/GetLimits",
                          ingest_pb.GetLimitsRequest())

    # Search.

    def search(self, query: str = "", **fields) -> search_pb.SearchResponse:
        """One page of results. fields are SearchRequest's (page_size,
        page_token, filter, sort, facets, highlight, ...), as messages or
        dicts of their JSON form: search("wheat", page_size=5,
        filter={"languages": ["en"]})."""
        return self._call(self.search_stub.Search, "SearchService/Search",
                          _search_request(query, fields))

    def search_iter(self, query: str = "", *, limit: Optional[int] = None,
                    **fields) -> Iterator[search_pb.SearchHit]:
        """Every hit, page after page (following next_page_token), up to
        limit hits when given."""
        request = _search_request(query, fields)
        count = 0
        while True:
            page = self._call(self.search_stub.Search,
                              "SearchService/Search", request)
            for hit in page.hits:
                if limit is not None and count >= limit:
                    return
                count += 1
                yield hit
            if not page.next_page_token:
                return
            request.page_token = page.next_page_token

    def get(self, article_id: str) -> article_pb2.Article:
        """The stored article; NotFoundError when no article has the id."""
        return self._call(self.search_stub.GetArticle,
                          "SearchService/GetArticle",
                          search_pb.GetArticleRequest(id=article_id))

    def similar(self, article_id: str,
                page_size: int = 0) -> search_pb.SearchResponse:
        """Articles like the given one."""
        return self._call(self.search_stub.SimilarArticles,
                          "SearchService/SimilarArticles",
                          search_pb.SimilarArticlesRequest(
                              id=article_id, page_size=page_size))

    # Entities.

    def entity(self, entity: str) -> search_pb.EntityInfo:
        """An entity by canonical id ("country:ru") or any name or alias."""
        return self._call(self.search_stub.GetEntity,
                          "SearchService/GetEntity",
                          search_pb.GetEntityRequest(entity=entity))

    def suggest_entities(self, prefix: str, type: int = 0,
                         limit: int = 0) -> List[search_pb.EntityInfo]:
        """Entities whose names start with prefix, most mentioned first."""
        reply = self._call(self.search_stub.SuggestEntities,
                           "SearchService/SuggestEntities",
                           search_pb.SuggestEntitiesRequest(
                               prefix=prefix, type=type, limit=limit))
        return list(reply.entities)

    def related_entities(self, entity: str, query: str = "",
                         limit: int = 0
                         ) -> search_pb.RelatedEntitiesResponse:
        """Entities that co-occur with entity (ranked by NPMI)."""
        return self._call(self.search_stub.RelatedEntities,
                          "SearchService/RelatedEntities",
                          search_pb.RelatedEntitiesRequest(
                              entity=entity, query=query, limit=limit))

    def entity_timeline(self, entity: str,
                        interval: int = search_pb.MONTH, query: str = ""
                        ) -> search_pb.EntityTimelineResponse:
        """Mentions of entity per day or month."""
        return self._call(self.search_stub.EntityTimeline,
                          "SearchService/EntityTimeline",
                          search_pb.EntityTimelineRequest(
                              entity=entity, interval=interval, query=query))


def _search_request(query, fields):
    request = search_pb.SearchRequest(query=query)
    for name, value in fields.items():
        if isinstance(value, dict):
            json_format.ParseDict(value, getattr(request, name))
        elif isinstance(value, (list, tuple)):
            getattr(request, name).extend(value)
        elif hasattr(value, "DESCRIPTOR"):
            getattr(request, name).CopyFrom(value)
        else:
            setattr(request, name, value)
    return request
