# Gongshi: two commands.
#   make run   installs what is missing, builds, indexes Corpus/ and serves http://127.0.0.1:8080
#   make test  installs what is missing (and Chromium for the browser tests), builds and runs every test
SWIFT ?= swift
DB ?= data/gongshi.sqlite
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test deps build index serve bench bench-web cluster-test eval clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

index: build
	.build/release/gongshi index --corpus Corpus --db $(DB)

run: index
	.build/release/gongshi serve --db $(DB) --host $(HOST) --port $(PORT)

test:
	./scripts/install-deps.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

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

clean:
	rm -rf .build data
