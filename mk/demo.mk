# `make demo`, included by the Makefile (which defines BIN and STAMP and creates the venv).
#
# Starts the sandbox on a free port at demo speed, runs a goal-lane workflow (two uploads,
# pre-execution slots, a mid-execution checkpoint answered with --slot, the result zip) and a
# turbo-lane conversion through the `convilyn` command, then stops the sandbox. Any failing
# step fails the target. Results land in $(DEMO_OUT); DEMO_SPEED=0 makes it instant;
# DEMO_PROFILE=live runs it against the sandbox's imitation of the live service.
DEMO_OUT ?= demo-output
DEMO_SPEED ?= 1
DEMO_PROFILE ?= default

.PHONY: demo
demo: $(STAMP)
	BIN=$(BIN) DEMO_OUT=$(DEMO_OUT) DEMO_SPEED=$(DEMO_SPEED) DEMO_PROFILE=$(DEMO_PROFILE) bash demo/demo.sh
