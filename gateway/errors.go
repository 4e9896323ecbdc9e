package main

import (
	"context"
	"net/http"

	"github.com/golang/protobuf/ptypes/any"
	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// httpStatus is the HTTP status of a gRPC code, per google.rpc.Code's
// documented mapping (googleapis' code.proto), which grpc-gateway 1.6.4
// follows except for CANCELLED (it answers 408) and FAILED_PRECONDITION
// (412).
var httpStatus = map[codes.Code]int{
	codes.OK:                 http.StatusOK,
	codes.Canceled:           499, // client closed the request
	codes.Unknown:            http.StatusInternalServerError,
	codes.InvalidArgument:    http.StatusBadRequest,
	codes.DeadlineExceeded:   http.StatusGatewayTimeout,
	codes.NotFound:           http.StatusNotFound,
	codes.AlreadyExists:      http.StatusConflict,
	codes.PermissionDenied:   http.StatusForbidden,
	codes.Unauthenticated:    http.StatusUnauthorized,
	codes.ResourceExhausted:  http.StatusTooManyRequests,
	codes.FailedPrecondition: http.StatusBadRequest,
	codes.Aborted:            http.StatusConflict,
	codes.OutOfRange:         http.StatusBadRequest,
	codes.Unimplemented:      http.StatusNotImplemented,
	codes.Internal:           http.StatusInternalServerError,
	codes.Unavailable:        http.StatusServiceUnavailable,
	codes.DataLoss:           http.StatusInternalServerError,
}

func statusOf(code codes.Code) int {
	if s, ok := httpStatus[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// errorBody is grpc-gateway's error body ("error" kept for its clients,
// "message" and "code" as in google.rpc.Status).
type errorBody struct {
	Error   string     `protobuf:"bytes,1,name=error" json:"error"`
	Message string     `protobuf:"bytes,1,name=message" json:"message"`
	Code    int32      `protobuf:"varint,2,name=code" json:"code"`
	Details []*any.Any `protobuf:"bytes,3,rep,name=details" json:"details,omitempty"`
}

func (e *errorBody) Reset()         { *e = errorBody{} }
func (e *errorBody) String() string { return e.Message }
func (*errorBody) ProtoMessage()    {}

// writeError replaces runtime.DefaultHTTPError for its status table; the
// body is the same.
func writeError(_ context.Context, _ *runtime.ServeMux, marshaler runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	s, ok := status.FromError(err)
	if !ok {
		s = status.New(codes.Unknown, err.Error())
	}
	if code, message := routingError(s, r); code != 0 {
		writeBody(marshaler, w, code, &errorBody{Error: message, Message: message, Code: int32(codes.Unimplemented)})
		return
	}
	writeBody(marshaler, w, statusOf(s.Code()), &errorBody{Error: s.Message(), Message: s.Message(),
		Code: int32(s.Code()), Details: s.Proto().GetDetails()})
}

// routingError tells the mux's own "no such path" and "wrong HTTP method"
// (which grpc-gateway 1.6.4 reports as UNIMPLEMENTED with the HTTP status
// text) apart from a service's UNIMPLEMENTED: 404 and 405.
func routingError(s *status.Status, r *http.Request) (int, string) {
	if s.Code() != codes.Unimplemented {
		return 0, ""
	}
	switch s.Message() {
	case http.StatusText(http.StatusNotImplemented):
		return http.StatusNotFound, "no API v1 method at " + r.Method + " " + r.URL.Path + " (docs/http.md)"
	case http.StatusText(http.StatusMethodNotAllowed):
		return http.StatusMethodNotAllowed, r.Method + " is not a method of " + r.URL.Path + " (docs/http.md)"
	}
	return 0, ""
}

func writeBody(marshaler runtime.Marshaler, w http.ResponseWriter, code int, body *errorBody) {
	buf, merr := marshaler.Marshal(body)
	w.Header().Del("Trailer")
	w.Header().Set("Content-Type", marshaler.ContentType())
	if merr != nil {
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(`{"error": "failed to marshal the error", "code": 13}`))
		return
	}
	w.WriteHeader(code)
	w.Write(buf)
}
