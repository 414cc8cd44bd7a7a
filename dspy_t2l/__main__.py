"`python -m dspy_t2l ...` is the `dspy-t2l` command (written by hand: no notebook exports it)."
import sys
from dspy_t2l.cli import main

if __name__ == "__main__": sys.exit(main())
