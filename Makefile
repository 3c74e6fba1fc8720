# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The CPU build of PyTorch lies on local disk; a looser pin would pull a multi-GB CUDA build.
TORCH := torch==2.13.0
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install clean browser docs train

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

test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 -q

# The HTML report is tested in a real headless Chromium (Debian's package; Playwright drives it,
# no browser download). Without root or apt the browser test skips with a message.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } \
	  || echo "chromium could not be installed: the browser test will be skipped"

lint: $(STAMP)
	$(BIN)/ruff check qa tests benchmarks
	$(BIN)/ruff format --check qa tests benchmarks

train: $(STAMP)
	$(BIN)/python scripts/train_garble.py

docs: $(STAMP)
	$(BIN)/qa rules --format markdown > docs/rules.md

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_terms.py

clean:
	rm -rf $(VENV) build *.egg-info reports/*.html reports/*.json
