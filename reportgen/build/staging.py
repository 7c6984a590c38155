"""The staging area: a build writes its outputs here and publishes them by renames once it has made them well.

Every file a build makes goes to `staging_dir(config)` (beside the build cache, on the output directory's
filesystem), and only if it differs from the published one. Nothing in the output directory changes while
articles are extracted, typeset and checked: a build that fails, is interrupted or is killed leaves the
published site exactly as it was. At the end `publish` moves what was built well into place:

1. a journal (`publish.json`) names every file to move and to delete, the new manifest and the output
   paths the build owns from now on, and is written atomically: that is the moment the build is published;
2. each staged file is renamed over its published path (`os.replace`, atomic per file), then the files
   nothing produces any more are deleted;
3. the manifest and the owned-paths list are saved, and the journal is removed.

A build killed during step 2 leaves a journal; the next build first finishes its renames (`recover`), so one
briefing is never a mix of two builds. The staging area is then emptied: what an interrupted build staged
and never published is thrown away (its cache objects are kept, so the work is not lost).

The output directory may hold files a user put there by hand. `OWNED` (a hidden file in the output directory,
so it survives a deleted cache, and is neither served nor published) lists every path a build wrote; a file
at a path the build would write that is in neither it nor the manifest is not ours, and is never replaced.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from reportgen import fsutil
from reportgen.build.cache import CACHE_DIR
from reportgen.config import Config
from reportgen.errors import BuildError

STAGING = "staging"
JOURNAL = "publish.json"
OWNED = ".reportgen-owned"  # in the output directory: every path a build published there
OWNED_FORMAT = 1


def staging_dir(config: Config) -> Path:
    """Beside the build cache when that is on the output directory's filesystem (renames cannot cross
    filesystems), else a hidden sibling of the output directory (e.g. with --allow-outside)."""
    out = config.output_dir
    inside = config.root / CACHE_DIR / STAGING
    if _device(inside) == _device(out):
        return inside
    return out.parent / f".{out.name}.reportgen-staging"


def _device(path: Path) -> int:
    for parent in (path, *path.parents):
        try:
            return parent.stat().st_dev
        except OSError:
            continue
    return -1


def _journal(config: Config) -> Path:
    return config.root / CACHE_DIR / JOURNAL


def stage(config: Config, files: dict[str, bytes]) -> list[str]:
    """Write `files` into the staging area, each only if it differs from the published file.

    Returns the paths that changed (those a publish will move). A file equal to the published one is not
    staged, and an earlier staged version of it is dropped.
    """
    out, area = config.output_dir, staging_dir(config)
    changed = []
    for rel, data in sorted(files.items()):
        target = out / rel
        try:
            same = target.stat().st_size == len(data) and target.read_bytes() == data
        except OSError:
            same = False
        if same:
            (area / rel).unlink(missing_ok=True)
            continue
        fsutil.write_bytes(area / rel, data)
        changed.append(rel)
    return changed


def staged(config: Config, rel: str) -> Path:
    """Where a file this build made is now: staged if it changed, else the published one."""
    path = staging_dir(config) / rel
    return path if path.is_file() else config.output_dir / rel


def owned(config: Config) -> set[str]:
    """The output paths earlier builds published (from the output directory's own list)."""
    try:
        data = json.loads((config.output_dir / OWNED).read_text(encoding="utf-8"))
        paths = data["paths"] if isinstance(data, dict) and data.get("format") == OWNED_FORMAT else []
        return {p for p in paths if isinstance(p, str)}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


class NotOurs(BuildError):
    """A file at a path the build would write was put there by someone else."""

    def __init__(self, config: Config, rel: str, what: str) -> None:
        shown = _shown(config, rel)
        super().__init__(
            f"{shown}: this file was not written by reportgen, and {what} would replace it; it was left as it "
            f"is. Move it out of {_shown(config, '')} (or delete it) and build again"
        )
        self.rel = rel


def _shown(config: Config, rel: str) -> str:
    path = config.output_dir / rel if rel else config.output_dir
    try:
        return path.relative_to(config.root).as_posix() + ("/" if not rel else "")
    except ValueError:
        return str(path)


def not_ours(config: Config, rels: Iterable[str], ours: set[str]) -> str | None:
    """The first of `rels` (paths about to be published) that holds a file the build never wrote."""
    out = config.output_dir
    for rel in sorted(rels):
        if rel not in ours and (out / rel).exists():
            return rel
    return None


def clear(config: Config) -> None:
    """Empty the staging area (what an interrupted build staged and never published)."""
    area = staging_dir(config)
    if area.is_dir():
        shutil.rmtree(area, ignore_errors=True)


def publish(config: Config, moves: Iterable[str], deletes: Iterable[str], manifest: str, ours: set[str]) -> list[str]:
    """Move the staged `moves` into the output directory, delete `deletes`, save `manifest` (the cache's
    JSON text): all or, if killed, completed by the next build's `recover`. Returns the files deleted."""
    moving = sorted(set(moves))
    journal = {
        "moves": moving,
        "deletes": sorted(set(deletes) - set(moving)),
        "manifest": manifest,
        "owned": sorted(ours | set(moving)),
        "staging": str(staging_dir(config)),
        "output": str(config.output_dir),
    }
    path = _journal(config)
    fsutil.write_text(path, json.dumps(journal, ensure_ascii=False) + "\n")  # the commit point
    deleted = _apply(config, journal)
    path.unlink(missing_ok=True)
    return deleted


def recover(config: Config) -> bool:
    """Finish the publication of a build that was killed while it renamed its files. True if there was one."""
    path = _journal(config)
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        path.unlink(missing_ok=True)  # written atomically, so never half-written; unreadable: nothing to finish
        return False
    keys = {"moves", "deletes", "manifest", "owned", "staging", "output"}
    if isinstance(journal, dict) and keys <= set(journal) and journal["output"] == str(config.output_dir):
        _apply(config, journal)
    path.unlink(missing_ok=True)
    return True


def _apply(config: Config, journal: dict[str, object]) -> list[str]:
    out = config.output_dir
    area = Path(str(journal["staging"]))
    moves = [str(rel) for rel in journal["moves"]]  # type: ignore[attr-defined]
    for rel in moves:
        source = area / rel
        if not source.is_file():  # moved already, by the build that was killed
            continue
        target = out / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            source.replace(target)
        except OSError as exc:
            raise fsutil.WriteError(target, exc) from None
    deleted = []
    for rel in sorted(str(r) for r in journal["deletes"]):  # type: ignore[attr-defined]
        target = out / rel
        if target.is_file():
            target.unlink()
            deleted.append(rel)
        parent = target.parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    _fsync_dir(out)
    owned_paths = sorted(str(r) for r in journal["owned"] if str(r) not in deleted)  # type: ignore[attr-defined]
    fsutil.write_text(out / OWNED, json.dumps({"format": OWNED_FORMAT, "paths": owned_paths}, indent=0) + "\n")
    fsutil.write_text(config.root / CACHE_DIR / "manifest.json", str(journal["manifest"]))
    return deleted


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
