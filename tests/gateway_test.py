#!/usr/bin/python3
"""The HTTP/JSON gateway against the real services (issue 28).

Calls every unary RPC of API v1 through the gateway with urllib and
compares the answer with the same call over gRPC; the NDJSON ingest stream;
the status mapping (NOT_FOUND 404, INVALID_ARGUMENT 400, UNAUTHENTICATED
401, PERMISSION_DENIED 403, RESOURCE_EXHAUSTED 429); request ids; bearer
tokens, mutual TLS to the services and HTTPS to the gateway.
Run by ctest (gateway_test) with NEWSINDEX_BIN_DIR and NEWSINDEX_SOURCE_DIR.
"""
import json
import os
import sys
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "clients", "python",
                                "src"))

import grpc  # noqa: E402
from google.protobuf import json_format  # noqa: E402

import services_harness  # noqa: E402
from newsindex.v1 import article_pb2  # noqa: E402
from newsindex.v1 import ingest_service_pb2 as ingest_pb  # noqa: E402
from newsindex.v1 import ingest_service_pb2_grpc as ingest_grpc  # noqa: E402
from newsindex.v1 import search_service_pb2 as search_pb  # noqa: E402
from newsindex.v1 import search_service_pb2_grpc as search_grpc  # noqa: E402

TIMEOUT_S = 30


def wire_articles():
    """examples/wire.jsonl as RawArticle messages (its "body" is text)."""
    path = os.path.join(services_harness.SOURCE_DIR, "examples", "wire.jsonl")
    articles = []
    with open(path) as f:
        for line in f:
            record = json.loads(line)
            record["text"] = record.pop("body")
            articles.append(json_format.ParseDict(record,
                                                  article_pb2.RawArticle()))
    return articles


def http(base, method, path, body=None, headers=None, context=None,
         raw_body=None):
    """(status, headers, decoded JSON body or text) of one request."""
    data = raw_body
    if body is not None:
        data = json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S,
                                    context=context) as response:
            return response.status, response.headers, json.loads(
                response.read())
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, error.headers, json.loads(text)
        except ValueError:
            return error.code, error.headers, text.decode(errors="replace")


class GatewayTest(unittest.TestCase):
    """One set of services and a gateway, plaintext, no tokens."""

    @classmethod
    def setUpClass(cls):
        cls.services = services_harness.Services(gateway=True)
        cls.base = cls.services.gateway_url
        cls.ingest_channel = cls.services.channel(cls.services.ingest)
        cls.search_channel = cls.services.channel(cls.services.search)
        cls.ingest = ingest_grpc.IngestServiceStub(cls.ingest_channel)
        cls.search = search_grpc.SearchServiceStub(cls.search_channel)
        cls.articles = wire_articles()
        for article in cls.articles:
            cls.ingest.IngestArticle(
                ingest_pb.IngestArticleRequest(article=article),
                timeout=TIMEOUT_S)

    @classmethod
    def tearDownClass(cls):
        cls.ingest_channel.close()
        cls.search_channel.close()
        cls.services.stop()

    def assert_same(self, method, path, body, rpc, request, response_type):
        """The gateway's JSON is the gRPC answer to the same request."""
        status, _, got = http(self.base, method, path, body)
        self.assertEqual(status, 200, (path, got))
        got = json_format.ParseDict(got, response_type())
        want = rpc(request, timeout=TIMEOUT_S)
        if response_type is ingest_pb.AnalyzeResponse:
            # Analyze stamps the article with the time of the call.
            got.article.ClearField("ingested_at")
            want.article.ClearField("ingested_at")
        self.assertEqual(got, want, path)

    def test_read_only_rpcs_match_grpc(self):
        first = self.articles[0].id
        search = {"query": "wheat OR grid", "page_size": 3,
                  "facets": {"entities": True, "sources": True}}
        cases = [
            ("GET", "/v1/limits", None, self.ingest.GetLimits,
             ingest_pb.GetLimitsRequest(), ingest_pb.GetLimitsResponse),
            ("GET", "/v1/articles/" + first, None, self.search.GetArticle,
             search_pb.GetArticleRequest(id=first), article_pb2.Article),
            ("POST", "/v1/articles:search", search, self.search.Search,
             json_format.ParseDict(search, search_pb.SearchRequest()),
             search_pb.SearchResponse),
            ("GET", "/v1/articles/%s:similar?page_size=2" % first, None,
             self.search.SimilarArticles,
             search_pb.SimilarArticlesRequest(id=first, page_size=2),
             search_pb.SearchResponse),
            # A canonical id has a colon, which must not read as a verb.
            ("GET", "/v1/entities/country:kz", None, self.search.GetEntity,
             search_pb.GetEntityRequest(entity="country:kz"),
             search_pb.EntityInfo),
            ("GET", "/v1/entities/Kazakhstan", None, self.search.GetEntity,
             search_pb.GetEntityRequest(entity="Kazakhstan"),
             search_pb.EntityInfo),
            ("GET", "/v1/entities:suggest?prefix=Ka&limit=5", None,
             self.search.SuggestEntities,
             search_pb.SuggestEntitiesRequest(prefix="Ka", limit=5),
             search_pb.SuggestEntitiesResponse),
            ("GET", "/v1/entities/country:kz:related?limit=5", None,
             self.search.RelatedEntities,
             search_pb.RelatedEntitiesRequest(entity="country:kz", limit=5),
             search_pb.RelatedEntitiesResponse),
            ("GET", "/v1/entities/country:kz:timeline?interval=MONTH", None,
             self.search.EntityTimeline,
             search_pb.EntityTimelineRequest(entity="country:kz",
                                             interval=search_pb.MONTH),
             search_pb.EntityTimelineResponse),
            ("POST", "/v1/articles:analyze",
             json_format.MessageToDict(self.articles[1]), self.ingest.Analyze,
             ingest_pb.AnalyzeRequest(article=self.articles[1]),
             ingest_pb.AnalyzeResponse),
        ]
        for method, path, body, rpc, request, response_type in cases:
            with self.subTest(path=path):
                self.assert_same(method, path, body, rpc, request,
                                 response_type)
        # The answers are not trivially equal: the search found something.
        status, _, found = http(self.base, "POST", "/v1/articles:search",
                                search)
        self.assertGreater(len(found["hits"]), 0)
        self.assertEqual(
            http(self.base, "GET", "/v1/entities/country:kz")[2]["id"],
            "country:kz")

    def test_ingest_and_delete(self):
        raw = {"id": "gw-ingest-1", "title": "Gateway test article",
               "source": "Gateway Wire", "language": "en",
               "text": "A short article about a grain corridor, sent as "
                       "JSON through the HTTP gateway."}
        status, _, got = http(self.base, "POST", "/v1/articles", raw)
        self.assertEqual(status, 200, got)
        reply = json_format.ParseDict(got, ingest_pb.IngestArticleResponse())
        self.assertEqual(reply.id, "gw-ingest-1")
        self.assertTrue(reply.created)
        stored = self.search.GetArticle(
            search_pb.GetArticleRequest(id="gw-ingest-1"), timeout=TIMEOUT_S)
        self.assertEqual(reply.article, stored)

        status, _, got = http(self.base, "DELETE", "/v1/articles/gw-ingest-1")
        self.assertEqual(status, 200, got)
        self.assertEqual(
            json_format.ParseDict(got, ingest_pb.DeleteArticleResponse()),
            ingest_pb.DeleteArticleResponse(id="gw-ingest-1"))
        with self.assertRaises(grpc.RpcError) as caught:
            self.search.GetArticle(
                search_pb.GetArticleRequest(id="gw-ingest-1"),
                timeout=TIMEOUT_S)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_ndjson_stream_ingest(self):
        lines = [
            {"article": {"id": "gw-stream-1", "title": "First",
                         "text": "The first streamed article, on rail."}},
            {"article": {"id": "gw-stream-2", "text": "   "}},
            {"article": {"id": "gw-stream-3", "title": "Third",
                         "text": "The third streamed article, on grain."}},
        ]
        body = "".join(json.dumps(line) + "\n" for line in lines).encode()
        status, _, got = http(self.base, "POST", "/v1/articles:ingest",
                              raw_body=body)
        self.assertEqual(status, 200, got)
        reply = json_format.ParseDict(got, ingest_pb.IngestArticlesResponse())
        self.assertEqual((reply.received, reply.created, reply.failed),
                         (3, 2, 1))
        failed = [r for r in reply.results if r.status.code != 0]
        self.assertEqual([r.index for r in failed], [1])
        self.assertEqual(failed[0].status.code,
                         grpc.StatusCode.INVALID_ARGUMENT.value[0])

    def test_error_statuses(self):
        cases = [
            ("GET", "/v1/articles/no-such-article", None, 404,
             grpc.StatusCode.NOT_FOUND),
            ("DELETE", "/v1/articles/no-such-article", None, 404,
             grpc.StatusCode.NOT_FOUND),
            ("GET", "/v1/entities/no-such-entity-anywhere", None, 404,
             grpc.StatusCode.NOT_FOUND),
            ("POST", "/v1/articles:analyze", {"text": "  "}, 400,
             grpc.StatusCode.INVALID_ARGUMENT),
            ("POST", "/v1/articles:search", {"query": "x", "page_size": -1},
             400, grpc.StatusCode.INVALID_ARGUMENT),
            # The gateway's own: no such path, and a path without the method.
            ("GET", "/v1/nothing-here", None, 404,
             grpc.StatusCode.UNIMPLEMENTED),
            ("PUT", "/v1/limits", None, 405, grpc.StatusCode.UNIMPLEMENTED),
        ]
        for method, path, body, http_status, code in cases:
            with self.subTest(path=path, body=body):
                status, _, got = http(self.base, method, path, body)
                self.assertEqual(status, http_status, got)
                self.assertEqual(got["code"], code.value[0])
                self.assertTrue(got["message"])
        # A body that is not JSON fails in the gateway, as a 400 too.
        status, _, got = http(self.base, "POST", "/v1/articles:search",
                              raw_body=b"{not json")
        self.assertEqual(status, 400, got)

    def test_request_id_passes_through(self):
        # The services log failed calls with their request id.
        status, headers, _ = http(self.base, "GET", "/v1/articles/missing",
                                  headers={"X-Request-Id": "gw-test-rid-7"})
        self.assertEqual(status, 404)
        self.assertEqual(headers["X-Request-Id"], "gw-test-rid-7")
        self.assertIn("request_id=gw-test-rid-7", self.services.search.log())
        # An id the services would not keep (a space) is replaced.
        status, headers, _ = http(self.base, "GET", "/v1/limits",
                                  headers={"X-Request-Id": "two words"})
        self.assertEqual(status, 200)
        self.assertRegex(headers["X-Request-Id"], "^[0-9a-f]{32}$")
        # Without one, the gateway makes one and returns it, on errors too.
        status, headers, _ = http(self.base, "GET", "/v1/articles/missing")
        self.assertEqual(status, 404)
        self.assertRegex(headers["X-Request-Id"], "^[0-9a-f]{32}$")
        self.assertIn("request_id=" + headers["X-Request-Id"],
                      self.services.search.log())


class GatewayResourceExhaustedTest(unittest.TestCase):
    """An article over ingest-service's --max-article-bytes: 429."""

    def test_too_large_article_is_429(self):
        services = services_harness.Services(
            gateway=True, extra_ingest_args=["--max-article-bytes=2000"])
        try:
            status, _, got = http(services.gateway_url, "POST",
                                  "/v1/articles",
                                  {"id": "big", "text": "word " * 1000})
            self.assertEqual(status, 429, got)
            self.assertEqual(got["code"],
                             grpc.StatusCode.RESOURCE_EXHAUSTED.value[0])
        finally:
            services.stop()


class GatewaySecureTest(unittest.TestCase):
    """Services with mutual TLS and tokens; the gateway serving HTTPS."""

    @classmethod
    def setUpClass(cls):
        cls.services = services_harness.Services(
            tls=True, tokens=True, gateway=True, gateway_https=True)
        cls.context = cls.services.ssl_context()

    @classmethod
    def tearDownClass(cls):
        cls.services.stop()

    def call(self, method, path, body=None, token=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        return http(self.services.gateway_url, method, path, body, headers,
                    self.context)

    def test_tokens_through_tls(self):
        article = {"id": "gw-tls-1", "text": "An article sent over HTTPS "
                   "to the gateway and mutual TLS to the service."}
        search = {"query": "mutual"}
        cases = [
            ("POST", "/v1/articles", article, None, 401),
            ("POST", "/v1/articles", article, "not-a-token", 401),
            ("POST", "/v1/articles", article, "search-tok", 403),
            ("POST", "/v1/articles", article, "ingest-tok", 200),
            ("POST", "/v1/articles:search", search, None, 401),
            ("POST", "/v1/articles:search", search, "ingest-tok", 403),
            ("POST", "/v1/articles:search", search, "search-tok", 200),
            ("GET", "/v1/articles/gw-tls-1", None, "all-tok", 200),
        ]
        for method, path, body, token, want in cases:
            with self.subTest(path=path, token=token):
                status, _, got = self.call(method, path, body, token)
                self.assertEqual(status, want, got)
        status, _, got = self.call("POST", "/v1/articles:search", search,
                                   "search-tok")
        self.assertEqual([h["article"]["id"] for h in got["hits"]],
                         ["gw-tls-1"])

    def test_plain_http_to_an_https_gateway_fails(self):
        url = self.services.gateway_url.replace("https:", "http:")
        with self.assertRaises(Exception):
            urllib.request.urlopen(url + "/v1/limits", timeout=TIMEOUT_S)


if __name__ == "__main__":
    unittest.main()
