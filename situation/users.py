"""`python -m situation.users`: the command keeps its name; the code lives in situation/shell/users.py."""
import sys

from situation.shell.users import main

if __name__ == "__main__":
    sys.exit(main())
