# Gongshi: two commands.
#   make run   installs what is missing, builds, indexes Corpus/ and runs a search
#   make test  installs what is missing, builds and runs every test
SWIFT ?= swift
DB ?= data/gongshi.sqlite
Q ?= 社会团体 成立登记

.PHONY: run test deps build index bench eval clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

index: build
	.build/release/gongshi index --corpus Corpus --db $(DB)

run: index
	.build/release/gongshi search "$(Q)" --db $(DB)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

eval: index
	.build/release/gongshi eval-search Tests/GongshiSearchTests/Fixtures/dev-search.jsonl --db $(DB)

bench: build
	.build/release/gongshi bench

clean:
	rm -rf .build data
