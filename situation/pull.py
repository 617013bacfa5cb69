"""`python -m situation.pull`: the command keeps its name; the code lives in situation/shell/pull.py."""
import sys

from situation.shell.pull import main

if __name__ == "__main__":
    sys.exit(main())
