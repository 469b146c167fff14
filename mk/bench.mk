# `make bench`, `make soak`, `make soak-ci`; included by the Makefile (which defines BIN and STAMP).
#
# bench:   benchmarks/bench.py, the SDK side by side with raw httpx in one run; writes
#          benchmarks/RESULTS.md. BENCH_FILE_MIB (default 1024) sizes the transfer test.
# soak:    the full chaos soak (1000 goal jobs, >20% of requests faulted) in both sandbox
#          profiles, and the contention run (100 concurrent writers on one job); writes
#          benchmarks/SOAK.md and fails on any duplicate or lost answer or update, and unless
#          every job completed (default profile) or completed or was stopped as a typed
#          AmbiguousWriteError (live profile, which ignores Idempotency-Key).
#          SOAK_JOBS / SOAK_CONCURRENCY change the size.
# soak-ci: the bounded variants that `make test` also runs (tests/reliability).
# soak-sandbox: benchmarks/sandbox_soak.py, one sandbox (its own process) at full load for
#          SOAK_SANDBOX_SECONDS (default 600) with a CI-like mix through AsyncConvilyn; appends
#          RSS, latency percentiles and store sizes over time to benchmarks/SOAK.md, and fails
#          unless memory, latency and stores are flat after the warm-up (uses both cores).
BENCH_FILE_MIB ?= 1024
SOAK_SANDBOX_SECONDS ?= 600
SOAK_JOBS ?= 1000
SOAK_CONCURRENCY ?= 50

.PHONY: bench soak soak-ci soak-sandbox

bench: $(STAMP)
	BENCH_FILE_MIB=$(BENCH_FILE_MIB) $(BIN)/python benchmarks/bench.py --out benchmarks/RESULTS.md

soak: $(STAMP)
	@printf '# Soak and contention (`make soak`, %s)\n\n' "$$(date -u '+%Y-%m-%d %H:%M UTC')" > benchmarks/SOAK.md
	$(BIN)/python benchmarks/soak.py --jobs $(SOAK_JOBS) --concurrency $(SOAK_CONCURRENCY) --out benchmarks/SOAK.md
	$(BIN)/python benchmarks/soak.py --jobs $(SOAK_JOBS) --concurrency $(SOAK_CONCURRENCY) --profile live --out benchmarks/SOAK.md
	$(BIN)/python benchmarks/contention.py --writers 100 --out benchmarks/SOAK.md

soak-ci: $(STAMP)
	$(BIN)/pytest -q tests/reliability

soak-sandbox: $(STAMP)
	$(BIN)/python benchmarks/sandbox_soak.py --seconds $(SOAK_SANDBOX_SECONDS) --out benchmarks/SOAK.md
