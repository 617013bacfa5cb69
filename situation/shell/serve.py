"""`python -m situation.serve [streamlit args]` — start the dashboard, but only when it is safe.

Before Streamlit starts, the address it will listen on is worked out as Streamlit would
(--server.address flag, STREAMLIT_SERVER_ADDRESS, .streamlit/config.toml here, then
~/.streamlit/config.toml; none = every interface) and checked against SITROOM_AUTH: no login
(local) is allowed on loopback only. Refusing exits 2 with a message saying how to configure a
login. `make run` uses this launcher; dashboard.py makes the same check again inside the app, for
anyone who starts `streamlit run dashboard.py` by hand.
"""
from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import config
from situation.shell import auth


def address_from(args: list[str], env: dict[str, str], cwd: Path, home: Path) -> str | None:
    """The server.address Streamlit will use for these arguments, or None for its default.

    Streamlit's command line (click) takes the LAST of repeated options, so does this: checking
    the first would let `--server.address 127.0.0.1 --server.address 0.0.0.0` slip past. The
    option parser stops at "--", after which nothing is an option."""
    found: str | None = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            break
        if a == "--server.address":
            if i + 1 >= len(args):
                return "(missing)"  # click refuses it too; never treat it as loopback
            found = args[i + 1]
            i += 2
            continue
        if a.startswith("--server.address="):
            found = a.split("=", 1)[1]
        i += 1
    if found is not None:
        return found
    if env.get("STREAMLIT_SERVER_ADDRESS"):
        return env["STREAMLIT_SERVER_ADDRESS"]
    for f in (cwd / ".streamlit" / "config.toml", home / ".streamlit" / "config.toml"):
        try:
            value = tomllib.loads(f.read_text(encoding="utf-8")).get("server", {}).get("address")
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if value:
            return str(value)
    return None


def mode_problem(mode: str) -> str | None:
    """A login mode that cannot work as configured (no users, no [auth] secrets)."""
    if mode == "password" and not auth.load_users():
        return (f"SITROOM_AUTH=password but {auth.users_path()} holds no users: add one with "
                "`python -m situation.users add NAME --role admin`.")
    if mode == "oidc":
        secrets = config.ROOT / ".streamlit" / "secrets.toml"
        try:
            has_auth = "auth" in tomllib.loads(secrets.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            has_auth = False
        if not has_auth:
            return ("SITROOM_AUTH=oidc needs an [auth] section in .streamlit/secrets.toml "
                    "(copy .streamlit/secrets.example.toml and fill it in).")
    return None


def check(args: list[str]) -> str | None:
    try:
        mode = auth.auth_mode()
    except auth.AuthConfigError as e:
        return str(e)
    # Streamlit is started from the project folder (below), so its config.toml is the one that counts.
    address = address_from(args, dict(os.environ), config.ROOT, Path.home())
    return auth.startup_problem(address, mode) or mode_problem(mode)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    problem = check(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from streamlit.web import cli

    os.chdir(config.ROOT)  # .streamlit/config.toml and secrets.toml are read from here
    return int(cli.main(["run", str(config.ROOT / "dashboard.py"), *args], standalone_mode=False) or 0)


if __name__ == "__main__":
    sys.exit(main())
