# The book's two commands: `make book` and `make test` (and `make quick`, a developer's fast loop).
# Each sets itself up on a fresh machine that has only Python 3.11+ and make: it creates .venv and
# installs requirements.txt when they are missing or older than requirements.txt / pyproject.toml.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
WHEELHOUSE := $(VENV)/wheelhouse
WHEEL_STAMP := $(WHEELHOUSE)/.complete
# Test workers (pytest-xdist): the book build and the reader's-environment runs each take one.
JOBS ?= 2

.PHONY: book test quick bench lint clean setup repository lock lowest pdf

# Notebooks that changed are first executed in parallel (one per core) into the execution cache;
# the build then renders them. A notebook that fails there is executed again by the build, which
# shows its traceback and stops.
book: $(STAMP)
	$(BIN)/python scripts/bookkeeping.py preexecute
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The book is at: $(CURDIR)/_build/html/index.html"

# The whole book as one PDF, offline: the single-page build (from the same execution cache, so
# nothing executes twice) printed by the system Chromium through Playwright (scripts/book_pdf.py).
pdf: $(STAMP)
	$(BIN)/python scripts/bookkeeping.py preexecute
	$(BIN)/jupyter-book build . --builder singlehtml -n --keep-going
	$(BIN)/python scripts/book_pdf.py _build/singlehtml _build/pdf/book.pdf

test: $(STAMP) $(NODE_STAMP) $(WHEEL_STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadgroup

# A fast loop while working: every test but the notebook and book runs (marked slow) and the
# power and size over many worlds (marked many_worlds). Not a substitute for `make test`, which
# runs everything and is what CI runs.
quick: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadgroup -m "not slow and not many_worlds"

bench: $(STAMP)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check .

setup: $(STAMP)

# A fork's one step: make repository URL=https://github.com/you/your-fork
repository: $(STAMP)
	@test -n "$(URL)" || { echo "usage: make repository URL=https://github.com/OWNER/REPOSITORY"; exit 2; }
	$(BIN)/python scripts/bookkeeping.py set-repository $(URL)

# Every package from the development lock, each checked against its hashes; then the book's own
# package, editable, with nothing more (its dependencies are all in the lock).
$(STAMP): requirements-dev.txt requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The lock files, from the inputs in pyproject.toml (dependencies and the notebook and dev extras),
# resolved by uv for Python $(LOCK_PYTHON) on every platform, each package with its hashes:
# requirements-dev.txt (everything: book, tests, tools), requirements.txt (what running the
# notebooks needs, at the same versions) and binder/requirements.txt (requirements.txt without the
# hashes). uv keeps each version already in a lock unless pyproject.toml rules it out: to move a
# package on, add `--upgrade-package NAME` to the first command once.
LOCK_PYTHON := 3.11
LOCK_NOTE := Made by `make lock` from pyproject.toml (uv pip compile); do not edit by hand.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra notebook --extra dev --generate-hashes --universal \
		--python-version $(LOCK_PYTHON) --no-header --quiet -o requirements-dev.txt
	$(BIN)/uv pip compile pyproject.toml --extra notebook -c requirements-dev.txt --generate-hashes \
		--universal --python-version $(LOCK_PYTHON) --no-header --quiet -o requirements.txt
	{ echo '# The development lock: govsocial'"'"'s dependencies and its notebook and dev extras.'; \
	  echo '# $(LOCK_NOTE)'; cat requirements-dev.txt; } > requirements-dev.txt.new
	mv requirements-dev.txt.new requirements-dev.txt
	{ echo '# The runtime lock: govsocial'"'"'s dependencies and its notebook extra.'; \
	  echo '# $(LOCK_NOTE)'; cat requirements.txt; } > requirements.txt.new
	mv requirements.txt.new requirements.txt
	{ echo '# What running the notebooks needs (Binder): requirements.txt without its hashes.'; \
	  echo '# $(LOCK_NOTE) The package itself: binder/postBuild.'; \
	  grep -E '^[A-Za-z0-9]' requirements.txt | sed -E 's/ *\\$$//'; } > binder/requirements.txt

# Are the lower bounds in pyproject.toml true? Installs the package at the lowest versions they
# allow in a throw-away venv and runs the helper tests and one chapter there (needs PyPI).
lowest: $(STAMP)
	$(BIN)/python scripts/check_lowest.py

# The wheels of the runtime lock (and the package's build backend), so that the tests can install
# the book into a fresh environment, as Colab does, without a network.
$(WHEEL_STAMP): requirements.txt | $(STAMP)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
		-d $(WHEELHOUSE) -r requirements.txt
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
		-d $(WHEELHOUSE) "setuptools>=68"
	touch $(WHEEL_STAMP)

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
