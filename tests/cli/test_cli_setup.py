"""``convilyn setup``: the browser sign-in (RFC 8252 loopback + PKCE) and the email sign-in,
against the sandbox's sign-in endpoints, with the test playing the browser."""

from __future__ import annotations

import os
import queue
import secrets
import signal
import stat
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from .conftest import CLI, Result, assert_one_line_error, check_shape, convilyn_command

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and signals")
NO_KEY = {"CONVILYN_API_KEY": None}
PASSWORD = "sandbox-password"  # what the sandbox's email sign-in accepts


class Running:
    """``convilyn setup`` as a child process, its stderr read line by line."""

    def __init__(self, cli: CLI, *args: str, env: Mapping[str, str | None] | None = None) -> None:
        full_env = dict(cli.env)
        for key, value in {**NO_KEY, **(env or {})}.items():
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        self.args = list(args)
        self.proc = subprocess.Popen(
            [*convilyn_command(), *args],
            cwd=cli.cwd,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.err: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._lines.put(line)

    def url(self, timeout: float = 30) -> str:
        """The sign-in URL the command printed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.err.append(line)
            if "/api/v1/auth/desktop/authorize?" in line:
                return line.strip()
        self.proc.kill()
        raise AssertionError(f"no sign-in URL printed: {''.join(self.err)}")

    def finish(self, timeout: float = 60) -> Result:
        assert self.proc.stdout is not None
        stdout = self.proc.stdout.read()  # stderr belongs to the reader thread
        self.proc.wait(timeout=timeout)
        self._reader.join(timeout=timeout)
        while not self._lines.empty():
            self.err.append(self._lines.get())
        return Result(self.args, self.proc.returncode, stdout, "".join(self.err))


def browse(url: str) -> httpx.Response:
    """What a browser does: open the authorize page, follow it to the loopback callback."""
    return httpx.get(url, follow_redirects=True, timeout=30)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def config_file(cli: CLI) -> Path:
    return Path(cli.env["CONVILYN_CONFIG_DIR"]) / "config.toml"


def auth_counts(sandbox: Any) -> dict[str, int]:
    counts: dict[str, int] = sandbox.stats()["auth"]
    return counts


@pytest.fixture
def stored(cli: CLI) -> Path:
    """The config file `setup` writes (the test's own config directory)."""
    return config_file(cli)


def sign_in(cli: CLI, *args: str) -> Result:
    """``setup --no-browser`` with the test as the browser: the URL it prints is opened."""
    run = Running(cli, "setup", "--no-browser", "--json", *args)
    page = browse(run.url())
    assert page.status_code == 200
    assert "Signed in" in page.text
    result = run.finish()
    assert result.code == 0, str(result)
    check_shape("setup", result.json)
    return result


@posix_only
def test_the_sign_in_url_is_a_loopback_pkce_request(cli: CLI, sandbox: Any, tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    browser = tmp_path / "browser"
    browser.write_text(f"#!/bin/sh\ntouch {opened}\n", encoding="utf-8")
    browser.chmod(0o700)
    run = Running(
        cli, "setup", "--provider", "github", "--no-browser", env={"BROWSER": str(browser)}
    )
    url = run.url()
    run.proc.send_signal(signal.SIGINT)
    run.finish()
    assert not opened.exists()  # --no-browser: printed, never opened
    sent = query_of(url)
    assert url.startswith(sandbox.base_url + "/api/v1/auth/desktop/authorize?")
    assert sent["client_id"] == "convilyn-cli"
    assert sent["provider"] == "github"
    redirect = urlsplit(sent["redirect_uri"])
    assert (redirect.scheme, redirect.hostname, redirect.path) == ("http", "127.0.0.1", "/callback")
    assert (redirect.port or 0) > 0  # the port the system picked
    assert len(sent["code_challenge"]) == 43  # S256: base64url of a SHA-256, no padding
    assert len(sent["state"]) >= 32


@posix_only
def test_browserless_sign_in_stores_the_key_owner_only(
    cli: CLI, sandbox: Any, stored: Path
) -> None:
    before = auth_counts(sandbox)
    result = sign_in(cli, "--provider", "github")
    assert result.json["provider"] == "github"
    assert result.json["tier"] == "pro"
    assert result.json["already_set_up"] is False
    assert Path(result.json["config_file"]) == stored
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    text = stored.read_text(encoding="utf-8")
    saved = tomllib.loads(text)
    assert saved == {"api_key": saved["api_key"], "base_url": sandbox.base_url}  # no session
    assert saved["api_key"].startswith("ck_pro_minted_")
    assert saved["api_key"] not in result.stdout + result.stderr  # masked only
    assert "sess_" not in result.stdout + result.stderr + text
    counts = auth_counts(sandbox)
    assert counts["exchanges"] == before["exchanges"] + 1
    assert counts["keysMinted"] == before["keysMinted"] + 1


def test_the_stored_key_works_without_flags_or_environment(cli: CLI) -> None:
    sign_in(cli, "--provider", "google")
    bare = {**NO_KEY, "CONVILYN_BASE_URL": None}
    assert cli("account", "plan", "--json", env=bare).json["tier"] == "pro"
    doctor = cli("doctor", "--ping", "--json", env=bare)
    assert doctor.json["ok"] is True
    assert doctor.json["key_source"] == "file"


def test_setup_again_keeps_a_working_key_unless_forced(
    cli: CLI, sandbox: Any, stored: Path
) -> None:
    name = f"t-{secrets.token_hex(4)}"  # the sandbox outlives the test: a name of its own
    first = sign_in(cli, "--provider", "github", "--key-name", name)
    assert first.json["key_name"] == name
    key = tomllib.loads(stored.read_text(encoding="utf-8"))["api_key"]
    minted = auth_counts(sandbox)["keysMinted"]
    again = cli("setup", "--json", env=NO_KEY)
    assert again.json["already_set_up"] is True
    assert auth_counts(sandbox)["keysMinted"] == minted
    # --force signs in again; the name is taken now: retried with a suffix.
    second = sign_in(cli, "--provider", "github", "--force", "--key-name", name)
    assert second.json["key_name"].startswith(name + "-")
    assert auth_counts(sandbox)["keysMinted"] == minted + 1
    assert tomllib.loads(stored.read_text(encoding="utf-8"))["api_key"] != key


@posix_only
def test_setup_opens_the_browser(cli: CLI, tmp_path: Path, stored: Path) -> None:
    browser = tmp_path / "browser"  # $BROWSER, as webbrowser reads it: gets the URL
    visited = tmp_path / "visited.txt"
    browser.write_text(
        f"#!{sys.executable}\n"
        "import sys, httpx\n"
        "r = httpx.get(sys.argv[1], follow_redirects=True, timeout=30)\n"
        f"open({str(visited)!r}, 'w').write(f'{{r.status_code}} {{sys.argv[1]}}')\n",
        encoding="utf-8",
    )
    browser.chmod(0o700)
    result = cli("setup", "--provider", "google", env={**NO_KEY, "BROWSER": str(browser)})
    assert "Opening your browser" in result.stderr
    status, url = visited.read_text(encoding="utf-8").split(" ", 1)
    assert status == "200"
    assert query_of(url)["provider"] == "google"
    assert "signed in with google on the pro plan" in result.stdout
    assert tomllib.loads(stored.read_text(encoding="utf-8"))["api_key"].startswith("ck_pro_")


def test_a_forged_callback_is_refused_and_ends_nothing(cli: CLI, stored: Path) -> None:
    run = Running(cli, "setup", "--provider", "github", "--no-browser", "--json")
    url = run.url()
    callback = query_of(url)["redirect_uri"]
    forged = httpx.get(callback, params={"code": "code_forged", "state": "not-the-state"})
    assert forged.status_code == 400
    assert browse(url).status_code == 200  # the real sign-in still completes
    result = run.finish()
    assert result.code == 0, str(result)
    assert stored.exists()


def test_a_code_for_another_verifier_is_refused_by_the_server(
    cli: CLI, sandbox: Any, stored: Path
) -> None:
    """PKCE end to end: a code issued for someone else's challenge reaches the command's
    listener with the right state; the server refuses the command's verifier for it."""
    import base64
    import hashlib

    run = Running(cli, "setup", "--provider", "github", "--no-browser", "--json")
    url = run.url()
    sent = query_of(url)
    other = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(other.encode()).digest()).rstrip(b"=")
    authorize = httpx.get(url, params={**sent, "code_challenge": challenge.decode()})
    assert authorize.status_code == 302  # the test's own authorization, not followed
    code = query_of(authorize.headers["location"])["code"]
    before = auth_counts(sandbox)["refusedExchanges"]
    landed = httpx.get(sent["redirect_uri"], params={"code": code, "state": sent["state"]})
    assert landed.status_code == 200
    result = run.finish()
    assert result.code == 2, str(result)
    assert result.json["error"]["status_code"] == 400
    assert result.json["error"]["code"] == "invalid_grant"
    assert "PKCE" in result.json["error"]["message"]
    assert "convilyn setup" in result.json["error"]["hint"]
    assert auth_counts(sandbox)["refusedExchanges"] == before + 1
    assert not stored.exists()


def test_the_sandbox_checks_verifier_state_and_redirect(sandbox: Any) -> None:
    import base64
    import hashlib

    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    query = {
        "provider": "google",
        "client_id": "convilyn-cli",
        "code_challenge": challenge.decode(),
        "state": "s1",
        "redirect_uri": "http://127.0.0.1:45678/callback",
    }
    authorize = f"{sandbox.base_url}/api/v1/auth/desktop/authorize"
    token = f"{sandbox.base_url}/api/v1/auth/desktop/token"

    def code() -> str:
        answer = httpx.get(authorize, params=query)
        assert answer.status_code == 302
        return query_of(answer.headers["location"])["code"]

    def redeem(**over: str) -> httpx.Response:
        body = {
            "code": code(),
            "code_verifier": verifier,
            "state": "s1",
            "client_id": "convilyn-cli",
        }
        return httpx.post(token, json={**body, **over})

    assert redeem(code_verifier=secrets.token_urlsafe(48)).json()["code"] == "invalid_grant"
    assert redeem(state="s2").status_code == 400
    good = code()
    body = {"code": good, "code_verifier": verifier, "state": "s1", "client_id": "convilyn-cli"}
    assert httpx.post(token, json=body).status_code == 200
    assert httpx.post(token, json=body).status_code == 400  # a code works once
    # Never redirected anywhere but loopback.
    for uri in ("https://evil.example/callback", "http://192.0.2.1:8080/callback"):
        refused = httpx.get(authorize, params={**query, "redirect_uri": uri})
        assert refused.status_code == 400
        assert "location" not in refused.headers


@posix_only
def test_email_sign_in_from_a_script(cli: CLI, stored: Path) -> None:
    result = cli(
        "setup", "--provider", "email", "--email", "business@example.com", "--password-stdin",
        "--key-name", "ci runner", "--json",
        input=PASSWORD + "\n", env=NO_KEY,
    )  # fmt: skip
    check_shape("setup", result.json)
    assert result.json["tier"] == "business"
    assert result.json["key_name"] == "ci runner"
    assert PASSWORD not in result.stdout + result.stderr
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert cli("account", "plan", "--json", env=NO_KEY).json["tier"] == "business"


def test_a_wrong_password_stores_nothing_and_says_what_to_check(cli: CLI, stored: Path) -> None:
    wrong = cli(
        "setup", "--provider", "email", "--email", "me@example.com", "--password-stdin",
        input="hunter2\n", env=NO_KEY, expect=2,
    )  # fmt: skip
    line = assert_one_line_error(wrong, "sign in as me@example.com failed", "401", "email")
    assert "hunter2" not in wrong.stdout + wrong.stderr
    assert "--provider google" in line
    assert not stored.exists()


def test_setup_refuses_what_it_cannot_do_before_the_network(offline_cli: CLI) -> None:
    no_provider = offline_cli("setup", expect=1)
    assert_one_line_error(no_provider, "--provider", "--no-browser")
    no_email = offline_cli("setup", "--provider", "email", "--password-stdin", expect=1)
    assert_one_line_error(no_email, "--email")
    no_tty = offline_cli("setup", "--provider", "email", expect=1)
    assert_one_line_error(no_tty, "--password-stdin")
    mixed = offline_cli("setup", "--provider", "github", "--email", "a@b.co", expect=1)
    assert_one_line_error(mixed, "--provider email")
    bad_name = offline_cli("setup", "--provider", "github", "--key-name", "a/b", expect=1)
    assert "--key-name" in bad_name.stderr
    plain_http = offline_cli(
        "setup", "--provider", "github", "--base-url", "http://api.example.com", expect=1
    )
    assert_one_line_error(plain_http, "http")


def test_no_answer_from_the_browser_times_out(cli: CLI, stored: Path) -> None:
    result = cli(
        "setup", "--provider", "github", "--no-browser", "--wait-timeout", "0.5",
        env=NO_KEY, expect=1,
    )  # fmt: skip
    assert_one_line_error(result, "no answer from the browser", "--wait-timeout")
    assert not stored.exists()


def test_a_declined_sign_in_stops_with_the_reason(cli: CLI, stored: Path) -> None:
    run = Running(cli, "setup", "--provider", "github", "--no-browser")
    sent = query_of(run.url())
    declined = httpx.get(
        sent["redirect_uri"], params={"error": "access_denied", "state": sent["state"]}
    )
    assert declined.status_code == 400
    result = run.finish()
    assert result.code == 1, str(result)
    assert_one_line_error(result, "not approved", "access_denied")
    assert not stored.exists()


@posix_only
def test_ctrl_c_while_waiting_exits_130_and_closes_the_listener(cli: CLI, stored: Path) -> None:
    run = Running(cli, "setup", "--provider", "github", "--no-browser")
    redirect = query_of(run.url())["redirect_uri"]
    run.proc.send_signal(signal.SIGINT)
    result = run.finish()
    assert result.code == 130, str(result)
    assert "Traceback" not in result.stderr
    assert not stored.exists()
    with pytest.raises(httpx.ConnectError):
        httpx.get(redirect, timeout=5)


@posix_only
def test_email_prompts_hide_the_password(cli: CLI, stored: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in cli.env.items() if k != "CONVILYN_API_KEY"}
    command, *rest = convilyn_command()
    child = pexpect.spawn(
        command, [*rest, "setup", "--provider", "email"], cwd=str(cli.cwd), env=env,
        encoding="utf-8", timeout=30,
    )  # fmt: skip
    child.expect("Email: ")
    child.sendline("free@example.com")
    child.expect("Password: ")
    child.sendline(PASSWORD)
    child.expect(pexpect.EOF)
    child.close()
    transcript = (child.before or "") + (child.after if isinstance(child.after, str) else "")
    assert child.exitstatus == 0, transcript
    assert PASSWORD not in transcript
    assert "signed in with email on the free plan" in transcript
    assert os.path.exists(stored)
