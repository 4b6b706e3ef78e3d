# Gongshi: two commands.
#   make run   installs what is missing, builds, indexes Corpus/ and serves http://127.0.0.1:8080
#   make test  installs what is missing (and Chromium for the browser tests), checks the formatting
#              (swift format lint, .swift-format), builds and runs every test
#   make faults  the fault suite on a release build (CI runs it after make test)
SWIFT ?= swift
DB ?= data/gongshi.sqlite
DESK_DB ?= data/desk.sqlite
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test faults deps build index serve bench bench-web bench-search-peer cluster-test eval clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

index: build
	.build/release/gongshi index --corpus Corpus --db $(DB)

run: index
	.build/release/gongshi serve --db $(DB) --desk-db $(DESK_DB) --host $(HOST) --port $(PORT)

test:
	./scripts/install-deps.sh --test
	$(SWIFT) format lint --strict -r Sources Tests Package.swift
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Route sweep, hostile fuzz, idle + slowloris connections, kill -9 of index, re-index under
# load, bad corpus files: one line per case, then "N passed, M failed" (exit 1 on a failure).
faults: build
	.build/release/gongshi-faults --gongshi .build/release/gongshi --corpus Corpus --static-dir Static

eval: index
	.build/release/gongshi eval-search Tests/GongshiSearchTests/Fixtures/dev-search.jsonl --db $(DB)

bench: build
	.build/release/gongshi bench

bench-web: index
	./scripts/install-deps.sh --bench
	./scripts/bench-web.sh $(DB)

# Three snapshot nodes behind HAProxy on loopback: a node killed and a rollout under load
# (about 3 minutes, so not part of `make test`; installs haproxy, wrk and socat if missing).
cluster-test: deps
	./scripts/cluster-test.sh

# Search side by side with Datasette over the same articles: make bench-search-peer CORPUS=../shared/eval/stard-train/Corpus
bench-search-peer: build
	./scripts/bench-search-peer.sh $(CORPUS)

clean:
	rm -rf .build data
