# Every target creates the virtual environment it needs (.venv) on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install generate check-generated validate-spec lint typecheck pytest e2e-live e2e-aiohttp test demo bench soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

generate: $(STAMP)
	$(BIN)/python codegen/generate.py

# Fails when committed generated code differs from a fresh generation (new files included).
check-generated: $(STAMP)
	$(BIN)/python codegen/generate.py --check
	@if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$$(git status --porcelain --untracked-files=all -- src/convilyn/lowlevel src/convilyn/models/_generated src/convilyn/openapi.yaml src/convilyn/_sync)" ]; then \
		echo "generated files are not committed:"; git status --short -- src/convilyn/lowlevel src/convilyn/models/_generated src/convilyn/openapi.yaml src/convilyn/_sync; \
		[ -z "$$CI" ] || exit 1; fi

validate-spec: $(STAMP)
	$(BIN)/openapi-spec-validator openapi/convilyn.yaml

# Handwritten code: no function above radon grade C, no block repeated (generated code and the
# sync twin excluded; __init__ opts out of duplicate-code: it repeats its modules' names by design).
GENERATED := src/convilyn/lowlevel/*,src/convilyn/_sync/*,src/convilyn/models/_generated/*
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/xenon --max-absolute C --exclude "$(GENERATED)" src codegen tools benchmarks tests
	$(BIN)/pylint --disable=all --enable=duplicate-code --ignore-imports=y --score=n \
		--ignore-paths='src/convilyn/lowlevel/.*,src/convilyn/_sync/.*,src/convilyn/models/_generated/.*' \
		src/convilyn

# Handwritten code under --strict: the package (generated code is followed, not held to it),
# the build scripts, and each test folder on its own (their conftest modules share a name).
typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --strict codegen tools/spec tools/contract benchmarks
	@for d in tests/*/; do \
		echo "mypy --strict $$d"; \
		(cd $$d && MYPYPATH=$(CURDIR)/tools/spec:$(CURDIR)/tools/contract:$(CURDIR)/benchmarks:$(CURDIR)/codegen $(CURDIR)/$(BIN)/mypy --strict \
			--cache-dir $(CURDIR)/.mypy_cache .) || exit 1; \
	done

# The sandbox validates its own responses (closed schemas) in every test: drift is a 500.
# Two workers (PYTEST_WORKERS=0 runs in one process): most tests wait on a sandbox or a
# subprocess, so two keep both cores busy.
PYTEST_WORKERS ?= 2
pytest: $(STAMP)
	CONVILYN_SANDBOX_SELF_CHECK=1 $(BIN)/pytest -q -n $(PYTEST_WORKERS)

# The end-to-end suite again, against the sandbox's imitation of the live service (endpoints
# it lacks absent, Idempotency-Key ignored, fields left out and added).
e2e-live: $(STAMP)
	CONVILYN_SANDBOX_SELF_CHECK=1 CONVILYN_SANDBOX_PROFILE=live $(BIN)/pytest -q -n $(PYTEST_WORKERS) tests/e2e

# The end-to-end suite's async runs again on the aiohttp transport (convilyn.aiohttp).
e2e-aiohttp: $(STAMP)
	CONVILYN_SANDBOX_SELF_CHECK=1 CONVILYN_TEST_TRANSPORT=aiohttp $(BIN)/pytest -q -n $(PYTEST_WORKERS) tests/e2e -k async

# The README's test command: everything CI checks.
test: validate-spec check-generated lint typecheck spec-checks pytest e2e-live e2e-aiohttp contract

clean:
	rm -rf $(VENV) .venv-vendor dist build node_modules .mypy_cache .ruff_cache

# Fragments last: they use BIN and STAMP, and must not change the default target.
include mk/spec.mk mk/demo.mk mk/bench.mk mk/contract.mk
