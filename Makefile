# Two commands for a newcomer: `make run` and `make test` (README, Quick start).
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
DATA    ?= $(or $(SITROOM_DATA),data)
DB      ?= $(or $(SITROOM_DB),$(DATA)/warehouse.duckdb)
PORT    ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast bench warehouse sample lint clean serve-replicas

# The venv is rebuilt when a requirements file changes.
$(BIN)/.installed: requirements.txt
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PY) not found); set PY=python3"; exit 2; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# The embedded sample is loaded through the same ETL as anyone's files, once.
$(DB): | $(BIN)/.installed
	SITROOM_DATA=$(DATA) SITROOM_DB=$(DB) $(BIN)/python -m etl load data/sample; test -f $(DB)

warehouse: $(DB)

# Through situation.shell.serve: it refuses a network address without a login (exit 2, with what to do).
run: $(BIN)/.installed $(DB)
	SITROOM_DATA=$(DATA) SITROOM_DB=$(DB) $(BIN)/python -m situation.serve \
	    --server.address $(ADDRESS) --server.port $(PORT) --browser.gatherUsageStats false

# Several dashboard processes behind HAProxy with sticky sessions, all reading the same warehouse
# (README, "Many viewers"). REPLICAS processes on PORT+1…; the proxy on ADDRESS:PORT.
REPLICAS ?= 2
serve-replicas: $(BIN)/.installed $(DB)
	SITROOM_DATA=$(DATA) SITROOM_DB=$(DB) $(BIN)/python -m situation.replicas \
	    --replicas $(REPLICAS) --address $(ADDRESS) --port $(PORT)

test: $(BIN)/.installed-dev
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The inner loop: everything but the browser tests (Chromium, kaleido) and the slow ones
# (markers in pyproject.toml, assigned in tests/conftest.py). CI runs `make test`, every tier;
# `make test PYTEST_ARGS="-m slow"` runs the slow tier alone.
test-fast: $(BIN)/.installed-dev
	$(BIN)/python -m pytest -q -n 2 -m "not browser and not slow" $(PYTEST_ARGS)

bench: $(BIN)/.installed-dev
	$(BIN)/python -m bench

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache
