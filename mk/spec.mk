# The OpenAPI document as a product: lint, publish, breaking-change guard, clients in other
# languages. Included by the Makefile, which defines BIN (the venv's bin folder) and STAMP (the
# target that creates the venv). Every tool is installed by these rules on a fresh machine:
# node tools with `npm ci` from the committed package-lock.json, openapi-generator-cli in the
# venv (PyPI; it runs on the machine's Java), Go from Debian's golang-go when `go` is missing.

SPEC := openapi/convilyn.yaml
NODE_BIN := node_modules/.bin
SPEC_BUILD := build/spec-clients
# Redocly CLI: no usage data sent, no update check (the machines reach package registries only).
REDOCLY := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true $(NODE_BIN)/redocly
# Go builds offline: no module proxy, no toolchain download, the generated go.mod as it is.
GO_OFFLINE := GOPROXY=off GOTOOLCHAIN=local GOFLAGS=
# Pinned also in pyproject.toml's dev extra; installed here too when the venv lacks it.
OPENAPI_GENERATOR_VERSION := 7.26.0
# `make spec-diff BASE=<git ref>`; empty = the latest release tag, else HEAD~1.
BASE ?=

.PHONY: lint-spec publish-spec spec-diff spec-clients spec-client-ts spec-client-go spec-e2e-ts spec-checks

# What `make test` runs for the spec (CI): lint, the two generated clients, the breaking-change
# guard, and the TypeScript client against the sandbox.
spec-checks: lint-spec spec-clients spec-diff spec-e2e-ts

# Reinstalled when the lockfile changes; targets use it order-only.
node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch node_modules

lint-spec: | node_modules $(STAMP)
	$(REDOCLY) lint $(SPEC) --config .redocly.yaml --format stylish
	@# The house rules of tools/spec/redocly-plugin.cjs must still fire on known-bad documents.
	$(BIN)/pytest -q -p no:convilyn_sandbox tests/spec/test_spec_lint_rules.py

publish-spec: | node_modules $(STAMP)
	$(BIN)/python tools/spec/publish.py

spec-diff: | $(STAMP)
	$(BIN)/python tools/spec/specdiff.py $(if $(BASE),--base $(BASE))

spec-clients: spec-client-ts spec-client-go

# TypeScript: types from openapi-typescript, calls through openapi-fetch, checked by tsc 5.
$(SPEC_BUILD)/typescript/convilyn.d.ts: $(SPEC) tools/spec/redocly-codegen.yaml | node_modules
	@mkdir -p $(@D)
	$(NODE_BIN)/openapi-typescript $(SPEC) --redocly tools/spec/redocly-codegen.yaml -o $@

spec-client-ts: $(SPEC_BUILD)/typescript/convilyn.d.ts
	$(NODE_BIN)/tsc -p clients/typescript/tsconfig.json

# Go: openapi-generator's `go` client (standard library only), built with clients/go/main.go.
$(BIN)/openapi-generator-cli: | $(STAMP)
	$(BIN)/python -m pip install --quiet openapi-generator-cli==$(OPENAPI_GENERATOR_VERSION)

spec-client-go: | $(BIN)/openapi-generator-cli
	@command -v java >/dev/null 2>&1 || { echo "java missing: installing Debian's default-jre-headless"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v go >/dev/null 2>&1 || { echo "go missing: installing Debian's golang-go"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null; }
	rm -rf $(SPEC_BUILD)/go && mkdir -p $(SPEC_BUILD)
	$(BIN)/openapi-generator-cli generate -c tools/spec/openapi-generator-go.yaml -i $(SPEC) \
		-o $(SPEC_BUILD)/go > $(SPEC_BUILD)/openapi-generator-go.log 2>&1 \
		|| { cat $(SPEC_BUILD)/openapi-generator-go.log; exit 1; }
	cd $(SPEC_BUILD)/go && $(GO_OFFLINE) go vet ./... && $(GO_OFFLINE) go build ./...
	cd clients/go && $(GO_OFFLINE) go vet . && $(GO_OFFLINE) go build -o ../../$(SPEC_BUILD)/go-smoke .
	@echo "Go client: $(SPEC_BUILD)/go (built), smoke program: $(SPEC_BUILD)/go-smoke"

# The TypeScript client's goal flow against a local sandbox, under node.
spec-e2e-ts: $(SPEC_BUILD)/typescript/convilyn.d.ts | $(STAMP)
	$(NODE_BIN)/tsc -p clients/typescript/tsconfig.e2e.json
	$(BIN)/python tools/spec/run_e2e_ts.py
