// Command bench-gateway measures search through newsindex-gateway against
// direct gRPC: the same queries, the same closed loop of -concurrency
// clients for -seconds, once per target. It prints one JSON line per target
// with QPS and latency percentiles (docs/BENCHMARKS.md, "Gateway overhead").
//
//	Usage: bench-gateway -grpc 127.0.0.1:50052 -http http://127.0.0.1:8080 \
//	           -queries FILE [-concurrency 16] [-seconds 10] [-warmup 2]
//
// FILE: one query a line.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"net/http"
	"os"
	"sort"
	"sync"
	"time"

	"google.golang.org/grpc"

	pb "newsindex/v1"
)

type searchFunc func(query string) error

func readQueries(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var queries []string
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if line := scanner.Text(); line != "" {
			queries = append(queries, line)
		}
	}
	if len(queries) == 0 {
		log.Fatalf("%s: no queries", path)
	}
	return queries
}

func grpcSearch(addr string) searchFunc {
	conn, err := grpc.Dial(addr, grpc.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	client := pb.NewSearchServiceClient(conn)
	return func(query string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err := client.Search(ctx, &pb.SearchRequest{Query: query, PageSize: 10})
		return err
	}
}

func httpSearch(base string, concurrency int) searchFunc {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: concurrency, MaxIdleConnsPerHost: concurrency}}
	return func(query string) error {
		body, _ := json.Marshal(map[string]interface{}{"query": query, "page_size": 10})
		resp, err := client.Post(base+"/v1/articles:search", "application/json", bytes.NewReader(body))
		if err != nil {
			return err
		}
		// Read the whole reply, as a client would, so the connection is reused.
		_, err = io.Copy(ioutil.Discard, resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		return err
	}
}

// run drives `concurrency` closed-loop clients for warmup+seconds and
// returns the latencies of the calls that started after the warm-up.
func run(search searchFunc, queries []string, concurrency int, warmup, seconds time.Duration) ([]time.Duration, time.Duration) {
	start := time.Now()
	measureFrom := start.Add(warmup)
	end := measureFrom.Add(seconds)
	var mu sync.Mutex
	var all []time.Duration
	var wg sync.WaitGroup
	for c := 0; c < concurrency; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			for i := c; ; i += concurrency {
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				if err := search(queries[i%len(queries)]); err != nil {
					log.Fatal(err)
				}
				if t0.After(measureFrom) {
					mine = append(mine, time.Since(t0))
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	return all, time.Since(measureFrom)
}

func percentile(sorted []time.Duration, p float64) float64 {
	i := int(p * float64(len(sorted)-1))
	return float64(sorted[i].Microseconds()) / 1000
}

func report(label string, latencies []time.Duration, elapsed time.Duration, concurrency int) {
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	line, _ := json.Marshal(map[string]interface{}{
		"target": label, "concurrency": concurrency, "calls": len(latencies),
		"qps":    float64(len(latencies)) / elapsed.Seconds(),
		"p50_ms": percentile(latencies, 0.50), "p99_ms": percentile(latencies, 0.99),
	})
	fmt.Println(string(line))
}

func main() {
	grpcAddr := flag.String("grpc", "127.0.0.1:50052", "search-service address")
	httpURL := flag.String("http", "http://127.0.0.1:8080", "newsindex-gateway URL")
	queriesPath := flag.String("queries", "", "file of queries, one a line")
	concurrency := flag.Int("concurrency", 16, "closed-loop clients")
	seconds := flag.Duration("seconds", 10*time.Second, "measured time per target")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured time first")
	flag.Parse()
	queries := readQueries(*queriesPath)
	targets := []struct {
		label  string
		search searchFunc
	}{
		{"grpc", grpcSearch(*grpcAddr)},
		{"gateway", httpSearch(*httpURL, *concurrency)},
	}
	for _, t := range targets {
		latencies, elapsed := run(t.search, queries, *concurrency, *warmup, *seconds)
		report(t.label, latencies, elapsed, *concurrency)
	}
}
