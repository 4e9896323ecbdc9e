#!/usr/bin/python3
"""newsindex from Python with the client package (clients/python).

Configured as newsctl is: NEWSINDEX_INGEST_ADDR, NEWSINDEX_SEARCH_ADDR,
NEWSINDEX_TOKEN and the NEWSINDEX_TLS_CA / _CLIENT_CERT / _CLIENT_KEY
variables. Usage: python_example.py [ARTICLES.jsonl ...]
"""
import sys

import newsindex


def main(paths):
    with newsindex.Client() as client:
        # Files in batches, one result per article: a bad one fails alone.
        for result in client.ingest_files(paths):
            state = "created" if result.created else "updated"
            if not result.ok:
                state = "failed: " + result.message
            print("ingest", result.origin, result.id, state)

        # Every hit, page after page.
        for hit in client.search_iter("grain OR wheat", page_size=2):
            print("hit", hit.article.id, round(hit.score, 3),
                  hit.article.title)

        kz = client.entity("Kazakhstan")
        print("entity", kz.id, kz.name, kz.article_count)

        try:
            client.get("no-such-article")
        except newsindex.NotFoundError as error:
            print("error", error.code.name, "request id", error.request_id)


if __name__ == "__main__":
    main(sys.argv[1:])
