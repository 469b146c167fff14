"""Which files an MCP session may read and write.

The boundary is the client's declared roots (``roots/list``: the project an editor opened),
else the server's working directory: a client that declares nothing gets a narrower
boundary, never a wider one. Every path is resolved first (symlinks followed), so a link
cannot lead out of the workspace and back into ``~/.ssh``. Credential-shaped files are
refused even inside a root: a project routinely holds a ``.env``, and a model reading
untrusted document text must not be able to upload it. The list is the vendor's 4.1 list,
plus this SDK's own login file (``config.toml`` in the convilyn config directory).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import unquote, urlparse

from convilyn.config import user_config_dir

__all__ = ["FenceError", "Workspace", "is_credential_shaped", "make_dir", "paths_of_roots"]

#: Directories that hold credentials (matched against every component of the resolved path).
SECRET_DIRS = frozenset({".ssh", ".aws", ".gnupg", ".kube", ".docker", ".gcloud", ".azure"})
#: Nested ones, matched as a sequence of components.
SECRET_NESTED_DIRS = (("gh",), ("gcloud",))
#: File names that are a credential wherever they sit.
SECRET_FILES = (
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "*.jks",
    "*.keystore",
    "id_rsa*",
    "id_ed25519*",
    "id_ecdsa*",
    "id_dsa*",
    "credentials",
    "credentials.*",
    ".netrc",
    "_netrc",
    ".npmrc",
    ".pypirc",
    ".git-credentials",
)


class FenceError(ValueError):
    """A path the session may not use; the message says why and what is allowed."""


def paths_of_roots(uris: Iterable[str]) -> list[Path]:
    """The local directories of ``file://`` root URIs (other schemes contribute nothing)."""
    paths: list[Path] = []
    for uri in uris:
        parsed = urlparse(str(uri))
        if parsed.scheme != "file":
            continue
        raw = unquote(parsed.path)
        if len(raw) > 2 and raw[0] == "/" and raw[2] == ":":  # file:///C:/x on Windows
            raw = raw[1:]
        if raw:
            paths.append(Path(raw))
    return paths


def is_credential_shaped(path: Path) -> bool:
    """True for a file in a credential directory, with a credential's name, or the convilyn
    login file."""
    parts = [part.lower() for part in path.parts]
    if SECRET_DIRS.intersection(parts):
        return True
    if ".config" in parts:
        after = parts[parts.index(".config") + 1 :]
        if any(tuple(after[: len(nested)]) == nested for nested in SECRET_NESTED_DIRS):
            return True
    try:
        if path.parent == user_config_dir().resolve():
            return True
    except OSError:  # pragma: no cover - an unreadable home
        pass
    name = path.name.lower()
    return any(fnmatch(name, pattern) for pattern in SECRET_FILES)


@dataclass(frozen=True)
class Workspace:
    """The directories a session may use; the first is where relative paths start."""

    roots: tuple[Path, ...]

    @classmethod
    def of(cls, roots: Sequence[Path]) -> Workspace:
        resolved = tuple(dict.fromkeys(root.expanduser().resolve() for root in roots))
        return cls(resolved or (Path.cwd().resolve(),))

    @property
    def home(self) -> Path:
        return self.roots[0]

    def describe(self) -> str:
        return ", ".join(str(root) for root in self.roots)

    def _resolve(self, raw: str, what: str) -> Path:
        if not raw or "\x00" in raw:
            raise FenceError(f"{what} is empty or not a path")
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.home / path
        resolved = path.resolve(strict=False)
        if not any(resolved.is_relative_to(root) for root in self.roots):
            raise FenceError(
                f"{raw} is outside this session's workspace ({self.describe()}): only files "
                "inside the folders your assistant opened can be used"
            )
        if is_credential_shaped(resolved):
            raise FenceError(f"refusing {Path(raw).name}: it looks like a credential file")
        return resolved

    def readable(self, raw: str) -> Path:
        """The resolved file behind ``raw``: inside a root, a regular file, not a credential."""
        resolved = self._resolve(raw, "a path")
        if not resolved.is_file():
            raise FenceError(f"not a file: {raw}")
        return resolved

    def output_path(self, raw: str | None, default: str) -> Path:
        """The resolved output directory for ``raw`` (else ``default``), relative to the first
        root unless absolute, inside a root; checked, not created."""
        resolved = self._resolve(raw or default, "output_dir")
        if resolved.exists() and not resolved.is_dir():
            raise FenceError(f"output_dir {raw or default} exists and is not a directory")
        return resolved


def make_dir(path: Path) -> None:
    """Create an output directory :meth:`Workspace.output_path` checked."""
    path.mkdir(parents=True, exist_ok=True)
