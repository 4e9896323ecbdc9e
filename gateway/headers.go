package main

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
)

const requestIDHeader = "X-Request-Id"

// The verbs of API v1's custom methods (":search" in /v1/articles:search).
// Kept in step with proto/newsindex/v1 by tests/gateway_test.py, which calls
// every method.
var customVerbs = map[string]bool{
	"search": true, "analyze": true, "ingest": true, "similar": true,
	"suggest": true, "related": true, "timeline": true, "watch": true,
}

func newServeMux() *runtime.ServeMux {
	return runtime.NewServeMux(
		// Field names as in the protos (and in docs/openapi.json); a request
		// may use either those or the lowerCamelCase JSON names.
		runtime.WithMarshalerOption(runtime.MIMEWildcard,
			&runtime.JSONPb{OrigName: true}),
		runtime.WithProtoErrorHandler(writeError),
		runtime.WithIncomingHeaderMatcher(incomingHeader),
		runtime.WithOutgoingHeaderMatcher(outgoingHeader))
}

// incomingHeader passes X-Request-Id on as the services' x-request-id, and
// otherwise keeps grpc-gateway's rule (Authorization is passed on by the
// runtime itself; Grpc-Metadata-* headers become metadata).
func incomingHeader(key string) (string, bool) {
	if textproto.CanonicalMIMEHeaderKey(key) == requestIDHeader {
		return "x-request-id", true
	}
	return runtime.DefaultHeaderMatcher(key)
}

// outgoingHeader drops x-request-id, which the gateway has already set on the
// response (withRequestID): the services keep a usable caller's id.
func outgoingHeader(key string) (string, bool) {
	if strings.EqualFold(key, "x-request-id") {
		return "", false
	}
	return runtime.MetadataHeaderPrefix + key, true
}

// usableRequestID is the services' rule (server/request_id.h): 1..128
// printable ASCII characters, no spaces.
func usableRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "gateway-no-entropy"
	}
	return hex.EncodeToString(b)
}

// withRequestID gives every request an id before it reaches the mux, so that
// a failure inside the gateway (a body that is not JSON) can be named too: the
// caller's X-Request-Id when usable, else a new one. The response carries it.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(requestIDHeader)
		if !usableRequestID(id) {
			id = newRequestID()
			r.Header.Set(requestIDHeader, id)
		}
		w.Header().Set(requestIDHeader, id)
		next.ServeHTTP(w, r)
	})
}

// keepColonsInLastSegment lets an id with a colon end a path:
// grpc-gateway 1.6.4 reads the last ":" of a path as a custom verb, so
// GET /v1/entities/country:ru would look for the verb "ru" and find no
// method. When the text after the last colon is not one of API v1's verbs,
// a trailing ":" (an empty verb, which the mux strips) keeps the whole
// segment as the id.
func keepColonsInLastSegment(next http.Handler) http.Handler {
	return withRequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		last := path[strings.LastIndex(path, "/")+1:]
		if colon := strings.LastIndex(last, ":"); colon > 0 && !customVerbs[last[colon+1:]] {
			r.URL.Path = path + ":"
		}
		next.ServeHTTP(w, r)
	}))
}
