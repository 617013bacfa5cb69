"""`python -m situation.serve`: the command keeps its name; the code lives in situation/shell/serve.py."""
import sys

from situation.shell.serve import main

if __name__ == "__main__":
    sys.exit(main())
