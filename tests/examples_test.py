#!/usr/bin/python3
"""examples/clients/ run against the real services, so they cannot rot
(issue 28): curl through the gateway, Python with the client package, Go
over gRPC. ctest: examples_clients_test.
"""
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import services_harness  # noqa: E402

SOURCE = services_harness.SOURCE_DIR
EXAMPLES = os.path.join(SOURCE, "examples", "clients")
TIMEOUT_S = 120


class ExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.services = services_harness.Services(
            gateway=services_harness.gateway_built())

    @classmethod
    def tearDownClass(cls):
        cls.services.stop()

    def run_example(self, argv, env=None):
        result = subprocess.run(
            argv, capture_output=True, text=True, timeout=TIMEOUT_S,
            env=dict(os.environ, **(env or {})))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return result.stdout

    def test_curl(self):
        if self.services.gateway is None:
            self.skipTest("newsindex-gateway not built (needs Go)")
        out = self.run_example(
            ["/bin/sh", os.path.join(EXAMPLES, "curl.sh")],
            {"GATEWAY": self.services.gateway_url})
        self.assertIn('"id":"curl-example-1"', out)
        self.assertIn('"received":2', out)
        self.assertIn('"id":"country:kz"', out)
        self.assertIn("HTTP/1.1 404", out)
        self.assertRegex(out, r"(?i)x-request-id: [0-9a-f]{32}")

    def test_python(self):
        out = self.run_example(
            ["/usr/bin/python3", os.path.join(EXAMPLES, "python_example.py"),
             os.path.join(SOURCE, "examples", "wire.jsonl")],
            {"PYTHONPATH": os.path.join(SOURCE, "clients", "python", "src"),
             "NEWSINDEX_INGEST_ADDR": self.services.ingest.address,
             "NEWSINDEX_SEARCH_ADDR": self.services.search.address})
        self.assertIn("wire.jsonl:1 cnw-2026-000412", out)
        self.assertRegex(out, r"\nhit cnw-2026-\d+ ")
        self.assertIn("entity country:kz Kazakhstan", out)
        self.assertRegex(out, r"error NOT_FOUND request id [0-9a-f]{32}")

    def test_go(self):
        binary = services_harness.binary("newsindex-example-go")
        if not os.access(binary, os.X_OK):
            self.skipTest("newsindex-example-go not built (needs Go)")
        out = self.run_example(
            [binary, "-ingest-addr", self.services.ingest.address,
             "-search-addr", self.services.search.address, "caspian"])
        self.assertIn("ingested go-example-1 created true", out)
        self.assertIn("hit go-example-1 ", out)
        self.assertIn("error NotFound", out)


if __name__ == "__main__":
    unittest.main()
