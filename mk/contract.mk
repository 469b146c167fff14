# `make contract`, included by the Makefile (which defines BIN and STAMP and creates .venv).
#
# Runs the API vendor's own client (convilyn==4.1.0 from PyPI) against our sandbox in both
# sandbox profiles (default, live); any failed call fails the target. The vendor's package has
# our import name, so it gets its own virtual environment, .venv-vendor, never .venv.
# Changing the pin here rebuilds it (the stamp depends on this file).
VENDOR_PIN := convilyn==4.1.0
VENDOR_VENV := .venv-vendor
VENDOR_STAMP := $(VENDOR_VENV)/.installed-stamp

$(VENDOR_STAMP): mk/contract.mk
	rm -rf $(VENDOR_VENV)
	$(PYTHON) -m venv $(VENDOR_VENV)
	$(VENDOR_VENV)/bin/pip install --quiet $(VENDOR_PIN)
	touch $(VENDOR_STAMP)

.PHONY: contract
contract: $(STAMP) $(VENDOR_STAMP)
	$(VENDOR_VENV)/bin/python tools/contract/vendor_surface.py > $(VENDOR_VENV)/surface.json
	$(BIN)/python tools/contract/check_surface.py $(VENDOR_VENV)/surface.json README.md
	BIN=$(BIN) VENDOR_BIN=$(VENDOR_VENV)/bin bash tools/contract/run.sh default
	BIN=$(BIN) VENDOR_BIN=$(VENDOR_VENV)/bin bash tools/contract/run.sh live
