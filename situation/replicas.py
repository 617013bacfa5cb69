"""`python -m situation.replicas`: the command keeps its name; the code lives in situation/shell/replicas.py."""
import sys

from situation.shell.replicas import main

if __name__ == "__main__":
    sys.exit(main())
