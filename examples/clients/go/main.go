// Command newsindex-example-go calls newsindex over gRPC from Go, with the
// stubs scripts/build-gateway generates from proto/newsindex/v1 (package
// newsindex/v1 in its GOPATH; see examples/clients/README.md).
//
// Usage: newsindex-example-go [-ingest-addr A] [-search-addr A] [QUERY]
// A bearer token comes from NEWSINDEX_TOKEN, as for newsctl.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	pb "newsindex/v1"
)

func withToken(ctx context.Context) context.Context {
	if token := os.Getenv("NEWSINDEX_TOKEN"); token != "" {
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	}
	return ctx
}

func main() {
	ingestAddr := flag.String("ingest-addr", "127.0.0.1:50051", "ingest-service address")
	searchAddr := flag.String("search-addr", "127.0.0.1:50052", "search-service address")
	flag.Parse()
	query := "grain"
	if flag.NArg() > 0 {
		query = flag.Arg(0)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ctx = withToken(ctx)

	ingestConn, err := grpc.Dial(*ingestAddr, grpc.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer ingestConn.Close()
	reply, err := pb.NewIngestServiceClient(ingestConn).IngestArticle(ctx, &pb.IngestArticleRequest{
		Article: &pb.RawArticle{
			Id:      "go-example-1",
			Title:   "Grain trains cross the Caspian",
			Source:  "Example Wire",
			Content: &pb.RawArticle_Text{Text: "Grain trains from Kazakhstan now cross the Caspian by ferry, operators said."},
		},
	})
	if err != nil {
		log.Fatalf("ingest: %v", status.Convert(err).Message())
	}
	fmt.Println("ingested", reply.GetId(), "created", reply.GetCreated())

	searchConn, err := grpc.Dial(*searchAddr, grpc.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer searchConn.Close()
	search := pb.NewSearchServiceClient(searchConn)
	request := &pb.SearchRequest{Query: query, PageSize: 2}
	for {
		page, err := search.Search(ctx, request)
		if err != nil {
			log.Fatalf("search: %v", status.Convert(err).Message())
		}
		for _, hit := range page.GetHits() {
			fmt.Printf("hit %s %.3f %s\n", hit.GetArticle().GetId(), hit.GetScore(), hit.GetArticle().GetTitle())
		}
		if page.GetNextPageToken() == "" {
			break
		}
		request.PageToken = page.GetNextPageToken()
	}

	_, err = search.GetArticle(ctx, &pb.GetArticleRequest{Id: "no-such-article"})
	fmt.Println("error", status.Code(err))
}
