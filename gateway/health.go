package main

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// healthHandler answers GET /healthz with both services' grpc.health.v1
// status: 200 when both are SERVING, else 503 (for load balancers and the
// container healthcheck).
func healthHandler(ingest, search *grpc.ClientConn) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		body := map[string]string{}
		code := http.StatusOK
		for name, conn := range map[string]*grpc.ClientConn{"ingest": ingest, "search": search} {
			reply, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
			switch {
			case err != nil:
				body[name] = err.Error()
				code = http.StatusServiceUnavailable
			case reply.GetStatus() != healthpb.HealthCheckResponse_SERVING:
				body[name] = reply.GetStatus().String()
				code = http.StatusServiceUnavailable
			default:
				body[name] = "SERVING"
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(body)
	})
}
