# Concierge — build, test and demo. `make` = check-style + test + dist.
# Every target installs what it needs (Go modules, npm packages, Debian packages).

GO            ?= go
NPM           ?= npm
PLUGIN_ID     := concierge
PLUGIN_VERSION := $(shell sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' plugin.json | head -1)
BUNDLE_NAME   := $(PLUGIN_ID)-$(PLUGIN_VERSION).tar.gz
# -tags ne: gse leaves out its own embedded dictionaries (we embed a trimmed one).
# The unit tests build with the same tags (GO_TEST_FLAGS): what is tested is what ships.
GO_TAGS := ne
GO_BUILD_FLAGS := -trimpath -tags $(GO_TAGS) -ldflags "-s -w"
GO_TEST_FLAGS := -tags $(GO_TAGS)
PLATFORMS     := linux-amd64 linux-arm64 darwin-arm64 windows-amd64
GO_PACKAGES   := ./server/...
# the eval's judging (amount formats, fact groups, outcome rules) and make chat's view: plain unit tests
EVAL_PACKAGES := ./e2e/eval/... ./e2e/mmenv/... ./e2e/chat/...
export GOFLAGS ?= -mod=readonly
GOLANGCI_VERSION := v2.15.0
LINT_CACHE    := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/concierge-lint
GOLANGCI_LINT := $(LINT_CACHE)/golangci-lint-$(GOLANGCI_VERSION)

.PHONY: all deps server webapp bundle dist e2e-bundle deploy lint race check-style unit webapp-test e2e eval eval-quick test fuzz bench loadtest demo demo-down chat clean

all: check-style test dist

## deps: Go modules and the webapp's npm packages (from the committed lockfile)
deps:
	$(GO) mod download
	bash build/npm-deps.sh

## server: the plugin binary for each platform (CGO off, stripped)
server:
	@mkdir -p server/dist
	@for p in $(PLATFORMS); do \
		os=$${p%-*}; arch=$${p#*-}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "go build $$os/$$arch"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build $(GO_BUILD_FLAGS) -o server/dist/plugin-$$p$$ext ./server || exit 1; \
	done

## webapp: the webapp bundle, built with npm from the lockfile
webapp:
	bash build/npm-deps.sh
	cd webapp && $(NPM) run build

## dist: dist/concierge-<version>.tar.gz with plugin.json, four server binaries, webapp bundle and assets
dist: server webapp
	bash build/bundle.sh dist $(BUNDLE_NAME) $(PLATFORMS)

## e2e-bundle: the same bundle with only this machine's server binary, for the e2e suite
## (a cold `make test` builds one platform instead of four)
HOST_PLATFORM := $(shell $(GO) env GOOS)-$(shell $(GO) env GOARCH)
e2e-bundle: webapp
	$(MAKE) server PLATFORMS=$(HOST_PLATFORM)
	bash build/bundle.sh dist/e2e $(BUNDLE_NAME) $(HOST_PLATFORM)

bundle: dist

## deploy: upload and enable the bundle on a running server.
##   MM_SITE_URL + MM_ADMIN_TOKEN, or MM_LOCALSOCKETPATH (local mode, no token)
deploy: dist
	bash build/deploy.sh dist/$(BUNDLE_NAME)

## lint: the Go gate (CI runs it): gofmt, go vet, go.mod tidy, the package graph of
## docs/architecture.md, golangci-lint with the starter template's linters (.golangci.yml)
lint: $(GOLANGCI_LINT)
	@out=$$(gofmt -l server e2e 2>/dev/null | grep -v '^e2e/mmserver/'); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(GO_TEST_FLAGS) $(GO_PACKAGES)
	$(GO) vet -tags e2e ./e2e/
	$(GO) vet $(EVAL_PACKAGES)
	@# the root module only: e2e/mmserver's go.mod is never tidied (build-tagged private imports)
	$(GO) mod tidy -diff
	$(GO) test -count=1 -run '^(TestPackageGraph|TestDeps)' ./server/
	$(GOLANGCI_LINT) run --build-tags $(GO_TAGS) ./server/...

## golangci-lint, built once from the Go module proxy into the cache (~3 min on 2 cores)
$(GOLANGCI_LINT):
	@mkdir -p $(LINT_CACHE)
	GOFLAGS=-mod=mod GOBIN=$(LINT_CACHE)/tmp-$(GOLANGCI_VERSION) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)
	mv -f $(LINT_CACHE)/tmp-$(GOLANGCI_VERSION)/golangci-lint $@
	rmdir $(LINT_CACHE)/tmp-$(GOLANGCI_VERSION)

## check-style: lint, then eslint and tsc for the webapp
check-style: lint
	bash build/npm-deps.sh
	cd webapp && $(NPM) run lint && $(NPM) run check-types

## unit: fast Go tests (plugintest/fakes, a real Bleve index on disk)
unit:
	$(GO) test $(GO_TEST_FLAGS) -count=1 $(GO_PACKAGES) $(EVAL_PACKAGES)

webapp-test:
	bash build/npm-deps.sh
	cd webapp && $(NPM) test

## e2e: the real Mattermost server + PostgreSQL, started by build/e2e-*.sh
e2e: e2e-bundle
	E2E_BUNDLE=$(CURDIR)/dist/e2e/$(BUNDLE_NAME) bash build/e2e-run.sh

## eval: the bot on the real server, scored on labelled questions (e2e/eval/README.md);
## figures, not pass/fail, so not part of test.  EVAL_SETS=blind|final|sample, EVAL_SHOPS=demo,…
eval: e2e-bundle
	E2E_BUNDLE=$(CURDIR)/dist/e2e/$(BUNDLE_NAME) bash build/eval.sh

## eval-quick: the same sets against the offline planner in-process (seconds, no server),
## for trying a change on every shop; report the figures of `make eval`
eval-quick:
	bash build/eval-quick.sh

## race: the unit tests under the race detector (about 1.5 min on 2 cores). It needs cgo,
## so a C compiler: gcc from apt when there is none (as root, like the e2e scripts).
race:
	@command -v gcc >/dev/null || { [ "$$(id -u)" = 0 ] || { echo "race: need gcc (apt-get install gcc)"; exit 1; }; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null; }
	CGO_ENABLED=1 $(GO) test $(GO_TEST_FLAGS) -race -count=1 $(GO_PACKAGES) $(EVAL_PACKAGES)

## test: the unit tests (with the race detector) + fuzz + webapp + e2e
test: race fuzz webapp-test e2e

## fuzz: each fuzz target for a bounded time (FUZZTIME, 5s each; -fuzz takes one target per run)
FUZZTIME ?= 5s
FUZZ_TARGETS = ./server/shop:FuzzDecodeCatalog ./server/shop:FuzzDecodeOrders \
	./server/commerce:FuzzPrice ./server/agent:FuzzOfflinePlan
fuzz:
	@GO=$(GO) bash build/fuzz.sh "$(GO_TEST_FLAGS)" $(FUZZTIME) $(FUZZ_TARGETS)

## bench: figures, not pass/fail (the last section runs the real server: E2E_MM_PORT/E2E_PG_PORT apply)
bench: e2e-bundle
	bash build/bench.sh

## loadtest: the plugin on a fresh real server under load, figures side by side (no pass/fail):
##   replies beside plain posts (1 and 50 customers), plugin overhead beside a 0 ms model,
##   staff search while customers are answered, settled RSS and prompt size at 100k products
loadtest: e2e-bundle
	E2E_BUNDLE=$(CURDIR)/dist/e2e/$(BUNDLE_NAME) bash build/loadtest.sh

## demo: local server + PostgreSQL, the plugin in offline mode with the demo shop, a scripted conversation
demo: dist
	bash build/demo.sh

demo-down:
	bash build/demo.sh down

## chat: a terminal client for the running demo (make demo first): talk to the bot as a demo
##   customer or staff member, cards as text, press their buttons by number (#1), see handoffs
##   arrive (staff). AS=alice|bob|carol|staff1 (else it asks), IN=dm|cs-general (default dm)
chat:
	$(GO) run ./e2e/cmd/chat -url http://127.0.0.1:$${E2E_MM_PORT:-8066} $(if $(AS),-user $(AS)) $(if $(IN),-channel $(IN))

clean:
	rm -rf dist server/dist webapp/dist
