"""`python -m situation.users` — the users of password mode: add, list, remove, set-role.

    python -m situation.users add aigerim --role analyst      # asks for the password twice
    echo "$PW" | python -m situation.users add bot --role viewer --password-stdin
    python -m situation.users list
    python -m situation.users set-role aigerim admin
    python -m situation.users remove aigerim

The file is SITROOM_USERS (default data/users.json), or --file. Passwords are stored only as
bcrypt hashes. Every change is written to the audit log under the operating-system user.
Exit codes: 0 done; 1 refused (unknown user, passwords differ, …); 2 usage error.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from situation.shell import audit, auth


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m situation.users", description=__doc__.splitlines()[0])
    p.add_argument("--file", type=Path, help="users file (default: SITROOM_USERS)")
    sub = p.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="add a user; asks for the password twice")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input (scripts)")
    sub.add_parser("list", help="users and their roles")
    rm = sub.add_parser("remove", help="remove a user")
    rm.add_argument("name")
    sr = sub.add_parser("set-role", help="change a user's role")
    sr.add_argument("name")
    sr.add_argument("role", choices=auth.ROLES)
    return p


def _operator() -> str:
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise ValueError("the two passwords differ; nothing was changed")
    return first


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    path = args.file
    try:
        if args.cmd == "list":
            users = auth.load_users(path)
            if not users:
                print(f"no users in {path or auth.users_path()}")
            for name, u in sorted(users.items()):
                print(f"{name}\t{u['role']}\t{u.get('created', '')}")
            return 0
        if args.cmd == "add":
            auth.check_name(args.name)
            auth.add_user(args.name, args.role, _password(args.password_stdin), path)
            audit.record("user_added", _operator(), name=args.name, role=args.role)
            print(f"added {args.name} ({args.role})")
        elif args.cmd == "remove":
            auth.remove_user(args.name, path)
            audit.record("user_removed", _operator(), name=args.name)
            print(f"removed {args.name}")
        elif args.cmd == "set-role":
            auth.set_role(args.name, args.role, path)
            audit.record("role_changed", _operator(), name=args.name, role=args.role)
            print(f"{args.name} is now {args.role}")
        return 0
    except (ValueError, KeyError) as e:
        print(f"error: {e.args[0] if e.args else e}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\ncancelled; nothing was changed", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
