"""Starting and stopping: the CLI, the context manager, the pytest fixtures."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from convilyn.sandbox import Sandbox

pytest_plugins = ["pytester"]


def _cli() -> list[str]:
    exe = shutil.which("convilyn", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "convilyn.cli"]


@pytest.mark.parametrize(
    "command", [["sandbox"], None], ids=["convilyn-sandbox", "python-m-convilyn.sandbox"]
)
def test_cli_prints_url_and_stops_on_ctrl_c(command: list[str] | None) -> None:
    argv = [*_cli(), *command] if command else [sys.executable, "-m", "convilyn.sandbox"]
    proc = subprocess.Popen(
        [*argv, "--port", "0", "--speed", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()  # how fast: benchmarks, not a timing assert
        assert first.startswith("http://127.0.0.1:"), first
        assert httpx.get(first + "/api/v1/health").json() == {"status": "ok"}
        r = httpx.get(first + "/api/v1/files", headers={"Authorization": "Bearer ck_pro_clitest01"})
        assert r.status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "GET /api/v1/files 200" in err  # one log line per request


def test_cli_rejects_a_bad_chaos_spec() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "convilyn.sandbox", "--chaos", "teapot=1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 1  # a usage error, as for every convilyn command (2 = API error)
    assert "unknown option" in proc.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--chaos", "500=abc"], "500"),
        (["--chaos", "500=nan"], "500"),
        (["--chaos", "retry_after=-1"], "retry_after"),
        (["--speed", "nan"], "speed"),
        (["--speed", "-1"], "speed"),
        (["--port", "99999"], "port"),
    ],
)
@pytest.mark.parametrize("entry", ["convilyn-sandbox", "python-m-convilyn.sandbox"])
def test_cli_bad_options_fail_with_one_line_and_exit_1(
    entry: str, args: list[str], expected: str
) -> None:
    argv = (
        [*_cli(), "sandbox"]
        if entry == "convilyn-sandbox"
        else [sys.executable, "-m", "convilyn.sandbox"]
    )
    try:
        proc = subprocess.run([*argv, "--quiet", *args], capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args} was accepted: the sandbox started")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert expected in lines[0]
    assert "unexpected" not in lines[0]
    assert "could not convert" not in lines[0]
    assert proc.stdout == ""


def test_context_manager_frees_the_port() -> None:
    with Sandbox(speed=0) as sb:
        port = int(sb.base_url.rsplit(":", 1)[1])
        assert httpx.get(sb.base_url + "/api/v1/health").status_code == 200
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0
    with pytest.raises(RuntimeError):
        _ = sb.base_url


def test_stop_does_not_hang_on_an_open_event_stream() -> None:
    from httpx_ws import WebSocketSession, connect_ws

    sb = Sandbox(speed=0).start()
    client = httpx.Client(base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.api_key}"})
    f = client.post("/api/v1/upload", files={"file": ("a.pdf", b"x")}).json()["fileId"]
    job = client.post(
        "/api/v1/jobs/goal", json={"workflowId": "goal_lane.document_summary", "fileIds": [f]}
    ).json()
    url = sb.base_url.replace("http", "ws") + f"/api/v1/jobs/goal/{job['jobSpecId']}/events"
    with connect_ws(url, client, session_class=WebSocketSession) as ws:
        ws.receive_json(timeout=5)
        start = time.monotonic()
        sb.stop()
        assert time.monotonic() - start < 5
    client.close()


@pytest.mark.parametrize("entry", ["convilyn-sandbox", "python-m-convilyn.sandbox"])
def test_cli_port_in_use_fails_with_one_line(entry: str) -> None:
    argv = (
        [*_cli(), "sandbox"]
        if entry == "convilyn-sandbox"
        else [sys.executable, "-m", "convilyn.sandbox"]
    )
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [*argv, "--quiet", "--port", str(port)], capture_output=True, text=True, timeout=10
        )
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "in use" in proc.stderr


def test_pytest_plugin_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import httpx
        import pytest

        def test_default(convilyn_sandbox):
            r = httpx.get(convilyn_sandbox.base_url + "/api/v1/files",
                          headers={"Authorization": f"Bearer {convilyn_sandbox.api_key}"})
            assert r.status_code == 200
            assert convilyn_sandbox.stats()["requests"] == 1  # reset before each test

        def test_default_again(convilyn_sandbox):
            assert convilyn_sandbox.stats()["requests"] == 0

        @pytest.mark.convilyn_sandbox(chaos="503=1", seed=1)
        def test_marker(convilyn_sandbox):
            r = httpx.get(convilyn_sandbox.base_url + "/api/v1/files",
                          headers={"Authorization": f"Bearer {convilyn_sandbox.api_key}"})
            assert r.status_code == 503

        def test_factory(convilyn_sandbox_factory):
            a, b = convilyn_sandbox_factory(), convilyn_sandbox_factory(speed=1)
            assert a.base_url != b.base_url
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=4)


def test_pytest_plugin_bad_marker_arguments_are_named(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.convilyn_sandbox(0)
        def test_positional(convilyn_sandbox):
            pass

        @pytest.mark.convilyn_sandbox(sped=1)
        def test_typo(convilyn_sandbox):
            pass

        @pytest.mark.convilyn_sandbox(chaos="503=2")
        def test_bad_chaos(convilyn_sandbox):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines(
        [
            "*convilyn_sandbox marker*keyword arguments*got positional (0,)*",
            "*convilyn_sandbox marker*sped*",
            "*convilyn_sandbox marker*between 0 and 1*",
        ]
    )


def test_plugin_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, convilyn.sandbox.pytest_plugin\n"
        "heavy = [m for m in ('starlette', 'uvicorn', 'jsonschema_rs', 'convilyn.sandbox.server', 'convilyn.sandbox.app') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_cleanly_and_removes_the_temp_dir(
    sig: signal.Signals, tmp_path: Path
) -> None:
    # docker stop, a CI cancel and `timeout` send SIGTERM; Ctrl-C sends SIGINT.
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "convilyn.sandbox", "--port", "0", "--speed", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().strip()
        assert base.startswith("http://127.0.0.1:"), base
        r = httpx.post(
            base + "/api/v1/upload",
            files={"file": ("a.txt", b"abc")},
            headers={"Authorization": "Bearer ck_pro_signaltest01"},
            timeout=30,
        )
        assert r.status_code == 200, r.text
        (made,) = tmp_path.glob("convilyn-sandbox-*")
        assert any(p.is_file() for p in (made / "blobs").iterdir())
    finally:
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert not made.exists()


def test_the_request_log_masks_the_key_as_the_sdk_does(caplog: pytest.LogCaptureFixture) -> None:
    key = "ck_pro_ci_runner_Qz7Wq3Xk9Z1x"
    caplog.set_level(logging.INFO, logger="convilyn.sandbox")
    with Sandbox(speed=0, log_requests=True) as sb:
        r = httpx.get(sb.base_url + "/api/v1/files", headers={"Authorization": f"Bearer {key}"})
        assert r.status_code == 200
    (line,) = [m for m in caplog.messages if "GET /api/v1/files" in m]
    assert "key=ck_…9Z1x" in line
    shown = [key[i : i + 5] for i in range(len(key) - 4) if key[i : i + 5] in line]
    assert shown == [], line  # nothing longer than the last four characters
