# Two commands matter on a fresh clone: `make demo` and `make test`. Both install into .venv first.
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip -q --disable-pip-version-check
SHARED ?= ../shared

.PHONY: install install-test demo test test-fast bench clean

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	touch $@

# torch is pinned to the CPU build on purpose: an unpinned torch pulls several GB of CUDA packages.
$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install torch==2.13.0
	$(PIP) install -e '.[sentence-transformers,test]'
	touch $@

demo: install
	$(VENV)/bin/aligner check seeds/en.txt seeds/de.txt || [ $$? -eq 1 ]  # 1 = findings, as expected here

test: install-test
	$(VENV)/bin/pytest -q

test-fast: install-test
	$(VENV)/bin/pytest -q -m "not model"

bench: install-test
	$(PY) bench/run_all.py --shared $(SHARED)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
