"""Starts the real newsindex binaries on loopback for the Python tests.

The Python counterpart of tests/service_process.h: each process gets
--listen 127.0.0.1:0 and --port-file, its stderr goes to a log file in the
work directory, and start() returns once it serves (a gRPC channel is ready;
for the gateway, GET /healthz answers 200), at most 60 s. Optionally with
TLS (certificates from scripts/dev-certs, mutual) and bearer tokens.

Environment: NEWSINDEX_BIN_DIR (the build's bin/) and NEWSINDEX_SOURCE_DIR,
which the ctest definitions set.
"""
import hashlib
import os
import signal
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import grpc

BIN_DIR = os.environ.get("NEWSINDEX_BIN_DIR", "")
SOURCE_DIR = os.environ.get(
    "NEWSINDEX_SOURCE_DIR",
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
START_TIMEOUT_S = 60

# Scopes per test token (server/auth.h's token file: "sha256 name scopes").
TOKENS = {
    "ingest-tok": "ingest",
    "search-tok": "search",
    "all-tok": "ingest,search",
}


def binary(name):
    return os.path.join(BIN_DIR, name)


def gateway_built():
    return os.access(binary("newsindex-gateway"), os.X_OK)


class Process:
    """One started binary; stop() sends SIGTERM and waits."""

    def __init__(self, name, argv, work):
        self.name = name
        self.port_file = os.path.join(work, name + ".port")
        self.log_path = os.path.join(work, name + ".log")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                argv + ["--listen=127.0.0.1:0",
                        "--port-file=" + self.port_file],
                stdout=log, stderr=log)
        self.port = self._wait_for_port()

    def _wait_for_port(self):
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %d:\n%s" %
                                   (self.name, self.proc.returncode, self.log()))
            try:
                with open(self.port_file) as f:
                    text = f.read()
                if text.endswith("\n"):
                    return int(text)
            except FileNotFoundError:
                pass
            # Polls for the port file the process writes once it listens.
            time.sleep(0.02)
        raise RuntimeError("%s wrote no port file in %d s:\n%s" %
                           (self.name, START_TIMEOUT_S, self.log()))

    @property
    def address(self):
        return "127.0.0.1:%d" % self.port

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Services:
    """ingest-service and search-service over one database, and optionally
    the gateway in front of them.

    tls: the services require mutual TLS (certificates in self.certs);
    tokens: the services check bearer tokens (TOKENS);
    extra_ingest_args: more ingest-service flags.
    """

    def __init__(self, tls=False, tokens=False, gateway=False,
                 gateway_https=False, extra_ingest_args=()):
        self.tls = tls
        self.tokens = tokens
        self.work = tempfile.mkdtemp(prefix="newsindex-py-")
        self.certs = os.path.join(self.work, "certs")
        self.processes = []
        try:
            self._start(gateway, gateway_https, list(extra_ingest_args))
        except BaseException:
            self.stop()
            raise

    def _service_args(self):
        args = ["--db=" + os.path.join(self.work, "db")]
        if self.tls:
            args += ["--tls-cert=%s/server.pem" % self.certs,
                     "--tls-key=%s/server.key" % self.certs,
                     "--tls-client-ca=%s/ca.pem" % self.certs]
        if self.tokens:
            path = os.path.join(self.work, "tokens")
            with open(path, "w") as f:
                for token, scopes in TOKENS.items():
                    digest = hashlib.sha256(token.encode()).hexdigest()
                    f.write("%s %s %s\n" % (digest, token, scopes))
            args.append("--auth-tokens=" + path)
        return args

    def _start(self, gateway, gateway_https, extra_ingest_args):
        if self.tls or gateway_https:
            subprocess.run(["/bin/bash", SOURCE_DIR + "/scripts/dev-certs",
                            self.certs], check=True, capture_output=True)
        args = self._service_args()
        self.ingest = self._add("ingest-service", args + extra_ingest_args)
        self._wait_grpc(self.ingest)
        self.search = self._add("search-service", args)
        self._wait_grpc(self.search)
        self.gateway = None
        if gateway:
            self.gateway = self._add("newsindex-gateway",
                                     self._gateway_args(gateway_https))
            self._wait_http()

    def _gateway_args(self, https):
        args = ["--ingest-addr=" + self.ingest.address,
                "--search-addr=" + self.search.address]
        if self.tls:
            args += ["--tls-ca=%s/ca.pem" % self.certs,
                     "--tls-cert=%s/client.pem" % self.certs,
                     "--tls-key=%s/client.key" % self.certs]
        if https:
            args += ["--https-cert=%s/server.pem" % self.certs,
                     "--https-key=%s/server.key" % self.certs]
        return args

    def _add(self, name, args):
        process = Process(name, [binary(name)] + args, self.work)
        self.processes.append(process)
        return process

    def channel_credentials(self):
        def read(name):
            with open(os.path.join(self.certs, name), "rb") as f:
                return f.read()
        return grpc.ssl_channel_credentials(
            root_certificates=read("ca.pem"),
            private_key=read("client.key"),
            certificate_chain=read("client.pem"))

    def channel(self, process):
        if self.tls:
            return grpc.secure_channel(process.address,
                                       self.channel_credentials())
        return grpc.insecure_channel(process.address)

    def _wait_grpc(self, process):
        channel = self.channel(process)
        try:
            grpc.channel_ready_future(channel).result(timeout=START_TIMEOUT_S)
        finally:
            channel.close()

    @property
    def gateway_url(self):
        scheme = "https" if "--https-cert" in " ".join(
            self.gateway.proc.args) else "http"
        return "%s://127.0.0.1:%d" % (scheme, self.gateway.port)

    def ssl_context(self):
        """Trusts the dev CA, for an HTTPS gateway."""
        return ssl.create_default_context(cafile=self.certs + "/ca.pem")

    def _wait_http(self):
        deadline = time.monotonic() + START_TIMEOUT_S
        context = self.ssl_context() if self.gateway_url.startswith(
            "https") else None
        while True:
            try:
                with urllib.request.urlopen(self.gateway_url + "/healthz",
                                            timeout=5, context=context) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise RuntimeError("gateway not healthy in %d s:\n%s" % (
                        START_TIMEOUT_S, self.gateway.log()))
            # Polls the health endpoint until both services answer through
            # the gateway.
            time.sleep(0.05)

    def stop(self):
        for process in reversed(self.processes):
            process.stop()
        self.processes = []
