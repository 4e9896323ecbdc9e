#!/usr/bin/python3
"""newsindex.Client against the real services (ctest: python_client_test).

Needs NEWSINDEX_BIN_DIR (the build's bin/); tests/services_harness.py
starts ingest-service and search-service on loopback ports.
"""
import os
import sys
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests"))
# The package from the source tree unless an installed one is asked for.
if not os.environ.get("NEWSINDEX_TEST_INSTALLED"):
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

import grpc  # noqa: E402

import newsindex  # noqa: E402
import services_harness  # noqa: E402

WIRE = os.path.join(SOURCE_DIR, "examples", "wire.jsonl")


class ClientTest(unittest.TestCase):
    """Plaintext services without tokens, shared by the tests."""

    @classmethod
    def setUpClass(cls):
        cls.services = services_harness.Services()
        cls.client = newsindex.Client(cls.services.ingest.address,
                                      cls.services.search.address)
        cls.wire = list(cls.client.ingest_files([WIRE]))

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.services.stop()

    def test_ingest_files_reports_each_article(self):
        self.assertEqual(len(self.wire), 4)
        self.assertTrue(all(r.ok for r in self.wire), self.wire)
        self.assertEqual([r.index for r in self.wire], list(range(4)))
        self.assertEqual(self.wire[0].origin, WIRE + ":1")
        self.assertEqual(self.wire[0].id, "cnw-2026-000412")

    def test_ingest_get_delete(self):
        reply = self.client.ingest({"id": "py-1", "title": "Python client",
                                    "body": "An article from the Python "
                                            "client about rail freight."})
        self.assertTrue(reply.created)
        self.assertEqual(self.client.get("py-1").title, "Python client")
        self.client.delete("py-1")
        with self.assertRaises(newsindex.NotFoundError) as caught:
            self.client.get("py-1")
        error = caught.exception
        self.assertEqual(error.code, grpc.StatusCode.NOT_FOUND)
        self.assertRegex(error.request_id, "^[0-9a-f]{32}$")
        self.assertIn("request_id=" + error.request_id,
                      self.services.search.log())

    def test_ingest_many_batches_with_per_item_results(self):
        articles = [{"id": "batch-%d" % i,
                     "text": "Batch article %d on grain exports." % i}
                    for i in range(5)]
        articles[3] = {"id": "batch-3", "text": "  "}
        results = list(self.client.ingest_many(iter(articles), batch_size=2))
        self.assertEqual([r.index for r in results], [0, 1, 2, 3, 4])
        self.assertEqual([r.ok for r in results],
                         [True, True, True, False, True])
        self.assertEqual(results[3].code,
                         grpc.StatusCode.INVALID_ARGUMENT.value[0])
        self.assertIn("empty", results[3].message)

    def test_search_iter_pages_through_every_hit(self):
        whole = self.client.search("", page_size=100)
        self.assertGreater(len(whole.hits), 3)
        paged = [hit.article.id
                 for hit in self.client.search_iter("", page_size=2)]
        self.assertEqual(paged, [hit.article.id for hit in whole.hits])
        limited = list(self.client.search_iter("", page_size=2, limit=3))
        self.assertEqual(len(limited), 3)

    def test_search_fields_as_dicts(self):
        reply = self.client.search("grid", page_size=5,
                                   filter={"languages": ["en"]},
                                   facets={"sources": True})
        self.assertGreater(len(reply.hits), 0)
        self.assertEqual(reply.facets.sources[0].value,
                         "continental newswire")

    def test_entities(self):
        kz = self.client.entity("Kazakhstan")
        self.assertEqual(kz.id, "country:kz")
        self.assertGreater(kz.article_count, 0)
        names = [e.id for e in self.client.suggest_entities("Kaz", limit=5)]
        self.assertIn("country:kz", names)
        related = self.client.related_entities("country:kz", limit=5)
        self.assertGreater(len(related.related), 0)
        timeline = self.client.entity_timeline("country:kz")
        self.assertGreater(sum(b.count for b in timeline.buckets), 0)

    def test_invalid_argument_names_the_field(self):
        with self.assertRaises(newsindex.InvalidArgumentError) as caught:
            self.client.search("x", page_size=-1)
        self.assertIn("page_size", caught.exception.message)

    def test_limits_and_analyze(self):
        self.assertGreater(self.client.limits().max_article_bytes, 0)
        analyzed = self.client.analyze({"text": "ASTANA, May 3 - Talks."})
        self.assertTrue(analyzed.article.body)


class SecureClientTest(unittest.TestCase):
    """Mutual TLS and tokens, from arguments and from newsctl's env vars."""

    @classmethod
    def setUpClass(cls):
        cls.services = services_harness.Services(tls=True, tokens=True)
        certs = cls.services.certs
        cls.env = {
            "NEWSINDEX_INGEST_ADDR": cls.services.ingest.address,
            "NEWSINDEX_SEARCH_ADDR": cls.services.search.address,
            "NEWSINDEX_TLS_CA": certs + "/ca.pem",
            "NEWSINDEX_CLIENT_CERT": certs + "/client.pem",
            "NEWSINDEX_CLIENT_KEY": certs + "/client.key",
        }

    @classmethod
    def tearDownClass(cls):
        cls.services.stop()

    def test_environment_configures_tls_and_token(self):
        env = dict(self.env, NEWSINDEX_TOKEN="all-tok")
        with mock.patch.dict(os.environ, env), newsindex.Client() as client:
            self.assertTrue(client.ingest({"id": "tls-1",
                                           "text": "Sent over TLS."}).id)
            self.assertEqual(client.get("tls-1").id, "tls-1")

    def test_token_argument_and_scope_errors(self):
        with mock.patch.dict(os.environ, self.env):
            with newsindex.Client(token="search-tok") as client:
                with self.assertRaises(newsindex.PermissionDeniedError):
                    client.ingest({"text": "Not allowed."})
                with self.assertRaises(newsindex.PermissionDeniedError):
                    list(client.ingest_many([{"text": "Nor this."}]))
                client.search("anything")
            with newsindex.Client(token="wrong") as client:
                with self.assertRaises(newsindex.UnauthenticatedError):
                    client.search("anything")

    def test_without_a_client_certificate_the_call_fails(self):
        env = {k: v for k, v in self.env.items() if "CLIENT" not in k}
        with mock.patch.dict(os.environ, env, clear=True):
            with newsindex.Client(token="all-tok", timeout=10) as client:
                with self.assertRaises(newsindex.NewsindexError) as caught:
                    client.search("x")
        self.assertEqual(caught.exception.code, grpc.StatusCode.UNAVAILABLE)


if __name__ == "__main__":
    unittest.main()
