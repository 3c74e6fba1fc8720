# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The CPU build of PyTorch lies on local disk; a looser pin would pull a multi-GB CUDA build.
TORCH := torch==2.13.0
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(TORCH) -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p reports
	$(BIN)/qa check samples/ --html reports/samples.html --format json --output reports/samples.json || test $$? -eq 1
	@echo "Open reports/samples.html in a browser (JSON: reports/samples.json)"

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check qa tests benchmarks
	$(BIN)/ruff format --check qa tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_terms.py

clean:
	rm -rf $(VENV) build *.egg-info reports/*.html reports/*.json
