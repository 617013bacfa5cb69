"""The replicas launcher: the HAProxy configuration it writes (checked by HAProxy itself) and its
refusal to serve a network without a login. The browser test through the proxy is
tests/e2e/test_replicas.py."""
from __future__ import annotations

import subprocess
import sys

import pytest

from situation.shell import replicas
from tests.conftest import ROOT


def test_config_is_sticky_checked_and_valid_for_haproxy(tmp_path):
    cfg = replicas.haproxy_config("127.0.0.1", 8500, [8501, 8502, 8503])
    assert "bind 127.0.0.1:8500" in cfg
    assert f"cookie {replicas.COOKIE} insert" in cfg
    for i, port in enumerate((8501, 8502, 8503), 1):
        assert f"server r{i} 127.0.0.1:{port} check cookie r{i}" in cfg
    assert "option httpchk GET /_stcore/health" in cfg and "timeout tunnel" in cfg
    haproxy = replicas.find_haproxy()
    if haproxy is None:
        pytest.skip("haproxy is missing (apt-get install haproxy; .ci/run does it)")
    (tmp_path / "h.cfg").write_text(cfg, encoding="utf-8")
    res = subprocess.run([haproxy, "-c", "-f", str(tmp_path / "h.cfg")], capture_output=True, text=True,
                         timeout=30, check=False)
    assert res.returncode == 0, res.stdout + res.stderr


def test_no_login_on_a_network_address_is_refused(tmp_path):
    env = {"SITROOM_AUTH": "local", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-m", "situation.shell.replicas", "--address", "0.0.0.0", "--port", "1",
                          "--run-dir", str(tmp_path / "run")], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60, check=False)
    assert res.returncode == 2
    assert "Refusing to start" in res.stderr and "SITROOM_AUTH=password" in res.stderr
    assert not (tmp_path / "run").exists()  # nothing was started
