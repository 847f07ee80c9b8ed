# The book's two commands: `make book` and `make test`. Each sets itself up on a fresh machine
# that has only Python 3.11+ and make: it creates .venv and installs requirements.txt when they
# are missing or older than requirements.txt / pyproject.toml.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: book test bench lint clean setup repository

# Notebooks that changed are first executed in parallel (one per core) into the execution cache;
# the build then renders them. A notebook that fails there is executed again by the build, which
# shows its traceback and stops.
book: $(STAMP)
	$(BIN)/python scripts/bookkeeping.py preexecute
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The book is at: $(CURDIR)/_build/html/index.html"

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check .

setup: $(STAMP)

# A fork's one step: make repository URL=https://github.com/you/your-fork
repository: $(STAMP)
	@test -n "$(URL)" || { echo "usage: make repository URL=https://github.com/OWNER/REPOSITORY"; exit 2; }
	$(BIN)/python scripts/bookkeeping.py set-repository $(URL)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# axe-core for the accessibility tests (npm). Without npm, the browser tests are skipped on a
# laptop (and fail in CI, where .ci/run provides everything).
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the browser and accessibility tests will be skipped."; \
	fi

clean:
	rm -rf _build .pytest_cache
