#!/usr/bin/env python
"""The seed project's entry point, kept for its README: `python scripts/evaluate.py --mode generated --task code
--shots 5 --t2l-dir trained_t2l/gemma_2b_t2l` runs `dspy-t2l evaluate` with the same options (underscore
spellings such as `--t2l_dir` work too). See `dspy-t2l evaluate --help`."""
import sys
from pathlib import Path

try: import dspy_t2l  # noqa: F401  (installed, e.g. `pip install -e .`)
except ImportError: sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # a clone that was not installed
from dspy_t2l.cli import main

if __name__ == "__main__": sys.exit(main(["evaluate", *sys.argv[1:]]))
