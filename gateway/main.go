// Command newsindex-gateway serves API v1 as HTTP/JSON: the mapping declared
// with google.api.http in proto/newsindex/v1 (docs/http.md), translated by
// grpc-gateway into calls on ingest-service and search-service.
//
// It holds no state: each HTTP request becomes one gRPC call (a streamed
// ingest, one stream), with the caller's Authorization and X-Request-Id
// headers passed on, and the gRPC status mapped to an HTTP status.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io/ioutil"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	pb "newsindex/v1"
)

// Set by scripts/build-gateway.
var version = "unknown"

type options struct {
	listen, ingestAddr, searchAddr        string
	tlsCA, tlsCert, tlsKey, tlsServerName string
	httpsCert, httpsKey, portFile         string
	timeout, shutdownGrace                time.Duration
	maxMessageBytes                       int
	showVersion                           bool
	probe                                 string
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.listen, "listen", "127.0.0.1:8080", "HTTP listen address (port 0: any free port)")
	flag.StringVar(&o.ingestAddr, "ingest-addr", "127.0.0.1:50051", "ingest-service address")
	flag.StringVar(&o.searchAddr, "search-addr", "127.0.0.1:50052", "search-service address")
	flag.StringVar(&o.tlsCA, "tls-ca", "", "PEM CA bundle: speak TLS to the services and trust these roots")
	flag.StringVar(&o.tlsCert, "tls-cert", "", "PEM client certificate for mutual TLS to the services")
	flag.StringVar(&o.tlsKey, "tls-key", "", "PEM private key of --tls-cert")
	flag.StringVar(&o.tlsServerName, "tls-server-name", "", "name to verify in the services' certificates (default: the address's host)")
	flag.StringVar(&o.httpsCert, "https-cert", "", "PEM certificate: serve HTTPS instead of HTTP (with --https-key)")
	flag.StringVar(&o.httpsKey, "https-key", "", "PEM private key of --https-cert")
	flag.StringVar(&o.portFile, "port-file", "", "write the bound HTTP port to this file once listening")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Second, "deadline of each call when the request sets no Grpc-Timeout header")
	flag.DurationVar(&o.shutdownGrace, "shutdown-grace", 10*time.Second, "on SIGTERM, how long open requests may finish")
	flag.IntVar(&o.maxMessageBytes, "max-message-bytes", 64<<20, "largest gRPC message sent or received")
	flag.BoolVar(&o.showVersion, "version", false, "print the version and exit")
	flag.StringVar(&o.probe, "probe", "", "health check mode: GET this URL (a gateway's /healthz), exit 0 on 200, else 1")
	flag.Parse()
	return o
}

// transportCredentials is plaintext unless a CA or client certificate is
// given, as newsctl's --tls-ca/--tls-cert (without --tls-ca the system roots
// are trusted).
func transportCredentials(o options) (grpc.DialOption, error) {
	if o.tlsCA == "" && o.tlsCert == "" {
		return grpc.WithInsecure(), nil
	}
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return nil, errors.New("--tls-cert and --tls-key: give both or neither")
	}
	config := &tls.Config{ServerName: o.tlsServerName, MinVersion: tls.VersionTLS12}
	if o.tlsCA != "" {
		pem, err := ioutil.ReadFile(o.tlsCA)
		if err != nil {
			return nil, fmt.Errorf("--tls-ca: %v", err)
		}
		config.RootCAs = x509.NewCertPool()
		if !config.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--tls-ca: no PEM certificate in %s", o.tlsCA)
		}
	}
	if o.tlsCert != "" {
		pair, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
		if err != nil {
			return nil, fmt.Errorf("--tls-cert/--tls-key: %v", err)
		}
		config.Certificates = []tls.Certificate{pair}
	}
	return grpc.WithTransportCredentials(credentials.NewTLS(config)), nil
}

// dial connects lazily: the gateway starts before the services are up, and a
// call made while one is down fails with UNAVAILABLE (503).
func dial(ctx context.Context, addr string, o options, creds grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, addr, creds, grpc.WithDefaultCallOptions(
		grpc.MaxCallRecvMsgSize(o.maxMessageBytes), grpc.MaxCallSendMsgSize(o.maxMessageBytes)))
}

func newHandler(ctx context.Context, o options) (http.Handler, error) {
	creds, err := transportCredentials(o)
	if err != nil {
		return nil, err
	}
	ingest, err := dial(ctx, o.ingestAddr, o, creds)
	if err != nil {
		return nil, err
	}
	search, err := dial(ctx, o.searchAddr, o, creds)
	if err != nil {
		return nil, err
	}
	runtime.DefaultContextTimeout = o.timeout
	mux := newServeMux()
	if err := pb.RegisterIngestServiceHandler(ctx, mux, ingest); err != nil {
		return nil, err
	}
	if err := pb.RegisterSearchServiceHandler(ctx, mux, search); err != nil {
		return nil, err
	}
	root := http.NewServeMux()
	root.Handle("/healthz", healthHandler(ingest, search))
	root.Handle("/", keepColonsInLastSegment(mux))
	return root, nil
}

func listen(o options) (net.Listener, error) {
	lis, err := net.Listen("tcp", o.listen)
	if err != nil {
		return nil, err
	}
	if o.portFile != "" {
		// Written whole and renamed, as the services do, so a reader never
		// sees a partial number.
		port := lis.Addr().(*net.TCPAddr).Port
		tmp := o.portFile + ".tmp"
		err := ioutil.WriteFile(tmp, []byte(fmt.Sprintf("%d\n", port)), 0o644)
		if err == nil {
			err = os.Rename(tmp, o.portFile)
		}
		if err != nil {
			lis.Close()
			return nil, fmt.Errorf("--port-file: %v", err)
		}
	}
	return lis, nil
}

func serve(server *http.Server, lis net.Listener, o options) error {
	if (o.httpsCert == "") != (o.httpsKey == "") {
		return errors.New("--https-cert and --https-key: give both or neither")
	}
	if o.httpsCert != "" {
		return server.ServeTLS(lis, o.httpsCert, o.httpsKey)
	}
	return server.Serve(lis)
}

// probe is the container health check (the runtime image has no curl).
func probe(url string) int {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "newsindex-gateway --probe:", err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "newsindex-gateway --probe:", resp.Status)
		return 1
	}
	return 0
}

func main() {
	o := parseFlags()
	if o.showVersion {
		fmt.Println("newsindex-gateway", version)
		return
	}
	if o.probe != "" {
		os.Exit(probe(o.probe))
	}
	log.SetPrefix("newsindex-gateway: ")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	handler, err := newHandler(ctx, o)
	if err != nil {
		log.Fatal(err)
	}
	lis, err := listen(o)
	if err != nil {
		log.Fatal(err)
	}
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
		<-stop
		shutdown, cancelShutdown := context.WithTimeout(context.Background(), o.shutdownGrace)
		defer cancelShutdown()
		server.Shutdown(shutdown)
		close(done)
	}()
	log.Printf("listening on %s (ingest %s, search %s)", lis.Addr(), o.ingestAddr, o.searchAddr)
	if err := serve(server, lis, o); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
	<-done
}
