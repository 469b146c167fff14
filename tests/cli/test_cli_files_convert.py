"""``files`` and ``convert`` against the sandbox."""

from __future__ import annotations

from pathlib import Path

from .conftest import CLI, assert_one_line_error, check_shape, write


def test_files_upload_list_delete(cli: CLI, resume: Path, job_description: Path) -> None:
    up = cli("files", "upload", str(resume), str(job_description), "--json")
    check_shape("files upload", up.json)
    uploaded = up.json["files"]
    assert [f["filename"] for f in uploaded] == ["resume.md", "job_description.md"]
    assert uploaded[0]["size"] == resume.stat().st_size
    assert up.stderr == ""  # --json: nothing else, not even notes

    listing = cli("files", "list", "--json")
    check_shape("files list", listing.json)
    assert {f["file_id"] for f in listing.json["files"]} == {f["file_id"] for f in uploaded}
    human = cli("files", "list")
    assert "resume.md" in human.stdout
    assert "storage:" in human.stdout

    gone = cli("files", "delete", uploaded[0]["file_id"], "--json")
    check_shape("files delete", gone.json)
    assert gone.json == {"deleted": [uploaded[0]["file_id"]]}
    missing = cli("files", "delete", uploaded[0]["file_id"], expect=2)
    assert_one_line_error(missing, "delete file", "404", "request id req_")


def test_half_done_commands_lose_nothing(cli: CLI, resume: Path, tmp_path: Path) -> None:
    """Every local path is checked before the first upload; what a failing command already
    did is named, in the human line and in the JSON document alike."""
    absent = str(tmp_path / "missing.txt")
    refused = cli("files", "upload", str(resume), absent, "--json", expect=1)
    assert "missing.txt" in refused.json["error"]["message"]
    assert cli("files", "list", "--json").json["files"] == []  # resume.md was not sent

    kept = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    partly = cli("files", "delete", kept, "file_nope", "--json", expect=2)
    check_shape("error", partly.json)
    assert partly.json["error"]["done"] == {"deleted": [kept]}
    human = cli("files", "delete", "file_nope2", expect=2)
    assert "already done" not in human.stderr  # nothing was

    again = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    line = assert_one_line_error(
        cli("files", "delete", again, "file_nope", expect=2), f"already done: deleted {again}"
    )
    assert "file_nope" in line


def test_files_upload_human_and_missing_path(cli: CLI, tmp_path: Path) -> None:
    note = write(tmp_path / "note.txt", "a note\n")
    human = cli("files", "upload", str(note))
    assert "note.txt" in human.stdout
    assert "file_" in human.stdout
    missing = cli("files", "upload", str(tmp_path / "absent.txt"), "--json", expect=1)
    check_shape("error", missing.json)
    assert missing.json["error"]["kind"] == "local_error"


def test_convert_uploads_converts_waits_and_downloads(cli: CLI, resume: Path) -> None:
    result = cli("convert", str(resume), "--to", "pdf", "-o", "out/", "--json")
    check_shape("convert", result.json)
    output = cli.cwd / result.json["output"]
    assert output.name == "resume.pdf"
    assert output.stat().st_size == result.json["size"]
    assert result.json["job"]["status"] == "completed"
    assert result.json["file"]["filename"] == "resume.md"

    again = cli("convert", str(resume), "--to", "pdf", "-o", "out/", expect=1)
    assert_one_line_error(again, "already exists", "--overwrite")
    # Refused before the upload: nothing was sent or paid for.
    assert len(cli("files", "list", "--json").json["files"]) == 1
    human = cli("convert", str(resume), "--to", "pdf", "-o", "out/", "--overwrite")
    assert "resume.pdf" in human.stdout
    assert "document_conversion" in human.stdout


def test_convert_by_file_id_and_a_failing_job_exits_3(cli: CLI, tmp_path: Path) -> None:
    doc = write(tmp_path / "notes.md", "# Notes\n")
    file_id = cli("files", "upload", str(doc), "--json").json["files"][0]["file_id"]
    by_id = cli("convert", "--file-id", file_id, "--to", "html", "--json")  # format looked up
    assert by_id.json["file"] is None
    assert by_id.json["output"].endswith(".html")

    # A result that cannot be written (the server's name is taken) stays reachable by job.
    out = cli.cwd / "out"
    out.mkdir()
    (out / "notes.html").write_text("mine")
    taken = cli("convert", "--file-id", file_id, "--to", "html", "-o", "out/", expect=1)
    line = assert_one_line_error(taken, "is done, but", "convilyn convert download cj_")
    job_id = line.split("convilyn convert download ")[1].split()[0]
    assert (out / "notes.html").read_text() == "mine"
    status = cli("convert", "status", job_id, "--json")
    check_shape("convert status", status.json)
    assert status.json["status"] == "completed"
    fetched = cli("convert", "download", job_id, "-o", "out/", "--overwrite", "--json")
    check_shape("convert download", fetched.json)
    assert (out / "notes.html").read_text() != "mine"
    # ...and a dry run refuses what the real run would refuse.
    dry = cli("convert", str(doc), "--to", "html", "-o", "out/", "--dry-run", expect=1)
    assert_one_line_error(dry, "already exists")

    # A file id that names nothing is the API's 404, not a question about formats.
    unknown = cli("convert", "--file-id", "file_nope", "--to", "pdf", "--json", expect=2)
    assert unknown.json["error"]["code"] == "FILE_NOT_FOUND"
    assert unknown.json["error"]["status_code"] == 404
    line = assert_one_line_error(
        cli("convert", "--file-id", "file_nope", "--to", "pdf", expect=2), "file_nope not found"
    )
    assert "source format" not in line

    # md -> xlsx is one family (document) locally, refused by the service: the job fails.
    unsupported = cli("convert", str(doc), "--to", "xlsx", "--json", expect=3)
    check_shape("error", unsupported.json)
    assert unsupported.json["error"]["code"] == "UNSUPPORTED_CONVERSION"
    broken = write(tmp_path / "broken__fail__.md", "# x\n")
    failed = cli("convert", str(broken), "--to", "pdf", expect=3)
    assert_one_line_error(failed, "conversion job", "failed")
