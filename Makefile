# Two commands for a new user: `make lab` opens the kit, `make test` runs the tests.
# Python 3.11 is what the kit is tested with; any newer python3 works too.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
KERNEL := ir-news-kit
STAMP  := $(VENV)/.installed

.PHONY: lab test install analyze dashboard lint format strip benchmark clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "No python3.11 or python3 found: install Python 3.11 first."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m ipykernel install --user --name $(KERNEL) --display-name "Python (IR news kit)" >/dev/null
	touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/00-start-here.ipynb $(if $(filter 0,$(shell id -u)),--allow-root,)

test: $(STAMP)
	$(PY) -m pytest -q

analyze: $(STAMP)
	$(PY) -m helpers analyze --out output

# voila.json: kernels end when their page closes or reloads, and are culled when a page vanishes.
dashboard: $(STAMP)
	$(VENV)/bin/voila notebooks/dashboard.ipynb --Voila.config_file_paths=$(CURDIR)

lint: $(STAMP)
	$(VENV)/bin/ruff check conftest.py helpers tests benchmarks scripts
	$(VENV)/bin/lint-imports --no-logo

format: $(STAMP)
	$(VENV)/bin/ruff format conftest.py helpers tests benchmarks scripts

strip: $(STAMP)
	$(VENV)/bin/nbstripout notebooks/*.ipynb notebooks/solutions/*.ipynb

benchmark: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf output .cache .pytest_cache
