package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"google.golang.org/grpc/codes"
)

func TestHTTPStatusTable(t *testing.T) {
	for code, want := range map[codes.Code]int{
		codes.NotFound: 404, codes.InvalidArgument: 400, codes.Unauthenticated: 401,
		codes.PermissionDenied: 403, codes.ResourceExhausted: 429,
		codes.FailedPrecondition: 400, codes.Canceled: 499, codes.Unavailable: 503,
		codes.DeadlineExceeded: 504, codes.Code(99): 500,
	} {
		if got := statusOf(code); got != want {
			t.Errorf("statusOf(%v) = %d, want %d", code, got, want)
		}
	}
}

func TestKeepColonsInLastSegment(t *testing.T) {
	for path, want := range map[string]string{
		"/v1/entities/country:kz":          "/v1/entities/country:kz:",
		"/v1/entities/country:kz:related":  "/v1/entities/country:kz:related",
		"/v1/entities/country:kz:timeline": "/v1/entities/country:kz:timeline",
		"/v1/articles:search":              "/v1/articles:search",
		"/v1/articles/abc":                 "/v1/articles/abc",
		"/v1/articles/abc:similar":         "/v1/articles/abc:similar",
		"/v1/articles/a:b":                 "/v1/articles/a:b:",
	} {
		var seen string
		h := keepColonsInLastSegment(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen = r.URL.Path
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
		if seen != want {
			t.Errorf("%s reached the mux as %s, want %s", path, seen, want)
		}
	}
}

func TestRequestIDs(t *testing.T) {
	for id, usable := range map[string]bool{
		"abc-123": true, "": false, "two words": false, "tab\there": false,
		string(make([]byte, 129)): false, "é": false,
	} {
		if got := usableRequestID(id); got != usable {
			t.Errorf("usableRequestID(%q) = %v, want %v", id, got, usable)
		}
	}
	h := withRequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	kept := httptest.NewRecorder()
	request := httptest.NewRequest("GET", "/v1/limits", nil)
	request.Header.Set("X-Request-Id", "mine-1")
	h.ServeHTTP(kept, request)
	if got := kept.Header().Get("X-Request-Id"); got != "mine-1" {
		t.Errorf("kept id = %q, want mine-1", got)
	}
	made := httptest.NewRecorder()
	h.ServeHTTP(made, httptest.NewRequest("GET", "/v1/limits", nil))
	if got := made.Header().Get("X-Request-Id"); len(got) != 32 {
		t.Errorf("made id = %q, want 32 hex digits", got)
	}
}

func TestRoutingErrors(t *testing.T) {
	for path, want := range map[string]int{
		"/v1/nothing": 404, "/nothing/at/all": 404,
	} {
		w := httptest.NewRecorder()
		keepColonsInLastSegment(newServeMux()).ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != want {
			t.Errorf("GET %s: %d, want %d (%s)", path, w.Code, want, w.Body.String())
		}
	}
}
