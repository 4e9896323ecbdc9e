#!/bin/sh
# newsindex over HTTP/JSON with curl, through newsindex-gateway
# (docs/http.md). GATEWAY defaults to the compose setup's port; add
# -H "Authorization: Bearer $NEWSINDEX_TOKEN" when the services check tokens.
set -eu
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
auth=""
if [ -n "${NEWSINDEX_TOKEN:-}" ]; then auth="Authorization: Bearer $NEWSINDEX_TOKEN"; fi

# Ingest one article (the body is a RawArticle); the reply says whether it
# was created and carries the stored, normalized article.
curl -sS --fail-with-body -H "$auth" -H 'Content-Type: application/json' \
  -X POST "$GATEWAY/v1/articles" -d '{
    "id": "curl-example-1",
    "title": "Kazakhstan opens a grain terminal on the Caspian",
    "source": "Example Wire", "language": "en",
    "published_at": "2026-05-04T09:00:00Z",
    "text": "AKTAU, May 4 - Kazakhstan opened a grain terminal at the port of Aktau on Monday, the ministry said."
  }'
echo

# Many articles in one call: NDJSON, one IngestArticleRequest a line.
printf '%s\n' \
  '{"article": {"id": "curl-example-2", "title": "Rail freight grows", "text": "Rail freight between China and Europe grew again in April."}}' \
  '{"article": {"id": "curl-example-3", "title": "Wheat prices", "text": "Wheat prices fell in Chicago as Black Sea exports resumed."}}' |
  curl -sS --fail-with-body -H "$auth" -X POST "$GATEWAY/v1/articles:ingest" --data-binary @-
echo

# Search: a SearchRequest as JSON; page on with "page_token".
curl -sS --fail-with-body -H "$auth" -X POST "$GATEWAY/v1/articles:search" \
  -d '{"query": "grain", "page_size": 5, "facets": {"entities": true}}'
echo

# One article, one entity (a canonical id or a name), suggestions.
curl -sS --fail-with-body -H "$auth" "$GATEWAY/v1/articles/curl-example-1"
echo
curl -sS --fail-with-body -H "$auth" "$GATEWAY/v1/entities/country:kz"
echo
curl -sS --fail-with-body -H "$auth" "$GATEWAY/v1/entities:suggest?prefix=Kaz&limit=3"
echo

# Errors are JSON with the gRPC code and an HTTP status (404 here), and
# every reply carries X-Request-Id.
curl -sS -i -H "$auth" "$GATEWAY/v1/articles/no-such-article" | grep -Ei '^HTTP/|^x-request-id|"code"'
