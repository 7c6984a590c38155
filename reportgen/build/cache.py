"""The build cache: what each output was made from, so a rebuild redoes only what changed.

It lives in the project, not in the output directory: `PROJECT/.reportgen-cache/` (git-ignored). The
output directory is what gets published, so nothing private or bulky (cached extractions, chart
renders) belongs there, and a CI job can cache and restore this directory on its own.

    .reportgen-cache/
      manifest.json              per article: slug, dependency hashes, output hashes, summary for the index
      objects/<kind>-<key>.msgpack  content-addressed intermediate results (extractions, charts)

Every key is a content hash — of the article bytes, of the config sections a stage reads, of the
template files it renders, of reportgen's version and code — never a modification time. A change of
`CACHE_FORMAT` throws the whole cache away. Everything in it is data, validated when read (see
`cachecodec`): a manifest or object of the wrong shape, kind or format is discarded, with one line saying
so, and what it held is rebuilt. A restored cache can make a build slower, never make it run code.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from reportgen import PACKAGE_DIR, __version__, fsutil
from reportgen import config as configmod
from reportgen.build import cachecodec
from reportgen.config import Config

CACHE_FORMAT = 2
CACHE_DIR = ".reportgen-cache"

# Config sections (config.yaml keys) each stage reads, as each option declares it (config.OPTIONS).
# `fonts` stands for both font attributes.
EXTRACT_SECTIONS = configmod.affecting(configmod.EXTRACT)
CHART_SECTIONS = configmod.affecting(configmod.CHARTS)
PAGE_SECTIONS = configmod.affecting(configmod.PAGES)
# Templates (and assets) a briefing is rendered from; their `{% extends %}`/`{% include %}`s are followed.
BRIEFING_TEMPLATES = ("briefing.html",)
BRIEFING_ASSETS = ("style.css",)


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def stable_json(value: Any) -> str:
    """Canonical JSON (sorted keys, no spaces) of plain data and dataclasses: the input of a hash."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def section(config: Config, name: str) -> Any:
    if name == "fonts":
        return {"body": config.font_body, "heading": config.font_heading}
    return config.section(name)


def config_hashes(config: Config, names: Iterable[str]) -> dict[str, str]:
    return {f"config:{n}": digest(stable_json(section(config, n)))[:16] for n in names}


@functools.cache
def code_version() -> str:
    """reportgen's version plus a fingerprint of its code, so an edited checkout invalidates the cache too."""
    # Word lists and rules are data (YAML) that change results as much as code does.
    h = hashlib.sha256()
    files = [p for p in PACKAGE_DIR.rglob("*") if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts]
    for path in sorted(files):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{h.hexdigest()[:10]}"


def template_hashes(config: Config, names: Iterable[str], assets: Iterable[str] = ()) -> dict[str, str]:
    """Hash of each template file `names` use (following extends/include/import), and of the given assets."""
    from reportgen.present.render import theme_dirs

    dirs = theme_dirs(config)

    def resolve(name: str) -> Path | None:
        return next((d / name for d in dirs if (d / name).is_file()), None)

    out: dict[str, str] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        if f"template:{name}" in out:
            continue
        path = resolve(name)
        if path is None:
            out[f"template:{name}"] = "missing"
            continue
        text = path.read_bytes()
        out[f"template:{name}"] = digest(text)[:16]
        todo.extend(_referenced(text.decode("utf-8", "replace")))
    for asset in assets:
        path = resolve(f"assets/{asset}")
        out[f"template:assets/{asset}"] = digest(path.read_bytes())[:16] if path else "missing"
    return dict(sorted(out.items()))


def _referenced(source: str) -> list[str]:
    import jinja2
    from jinja2 import meta

    try:
        ast = jinja2.Environment().parse(source)
    except jinja2.TemplateSyntaxError:
        return []
    return sorted(n for n in meta.find_referenced_templates(ast) if n)


def object_key(*parts: Any) -> str:
    """Key of a cached intermediate result: its inputs, reportgen's code and the cache format."""
    return digest(stable_json([CACHE_FORMAT, code_version(), *parts]))


def describe(key: str, old: str | None, new: str | None) -> str:
    """Why a dependency counts as changed, in the words the build log uses."""
    kind, _, name = key.partition(":")
    if kind == "article":
        return "article changed"
    if kind == "config":
        return f"config section {name} changed"
    if kind == "template":
        return f"template {name} changed"
    if kind == "reportgen":
        return f"reportgen version changed ({old} → {new})" if old else "reportgen version changed"
    return f"{key} changed"


def why(old: Mapping[str, str] | None, new: Mapping[str, str]) -> list[str]:
    """Reasons, in a stable order, for which `new` dependencies differ from `old` ones."""
    if old is None:
        return ["new article"]
    reasons = []
    for key in sorted(set(old) | set(new), key=lambda k: (not k.startswith("article"), k)):
        if old.get(key) != new.get(key):
            reasons.append(describe(key, old.get(key), new.get(key)))
    return reasons


@dataclass(slots=True)
class Entry:
    """What the cache knows about one article after the last build."""

    source: str
    slug: str | None
    deps: dict[str, str]
    outputs: dict[str, str] = field(default_factory=dict)
    summary: dict[str, Any] | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)  # cached intermediate results it was built from

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class _Site(msgspec.Struct):
    outputs: dict[str, str] = {}
    objects: list[str] = []
    problems: list[str] = []  # what the last checks found, until the files are rebuilt


class _ManifestFile(msgspec.Struct):
    """The shape manifest.json must have; anything else is discarded (the build then starts afresh)."""

    format: int
    articles: dict[str, Entry] = {}
    site: _Site = msgspec.field(default_factory=_Site)


@dataclass(slots=True)
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)


class Cache:
    def __init__(self, config: Config) -> None:
        self.root = config.root / CACHE_DIR
        self.path = self.root / "manifest.json"
        self.objects = self.root / "objects"

    def load(self) -> Manifest:
        try:
            raw = self.path.read_bytes()
        except OSError:
            return Manifest()
        try:
            data = msgspec.json.decode(raw, type=_ManifestFile)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            cachecodec.notice(f"{CACHE_DIR}/manifest.json is not a valid manifest ({exc}); discarded, rebuilding all")
            return Manifest()
        if data.format != CACHE_FORMAT:
            cachecodec.notice(
                f"{CACHE_DIR}/manifest.json has format {data.format}, not {CACHE_FORMAT}; discarded, rebuilding all"
            )
            return Manifest()
        entries = {k: v for k, v in data.articles.items() if v.source == k}
        site = {"outputs": dict(data.site.outputs), "objects": list(data.site.objects), "problems": data.site.problems}
        return Manifest(entries, site)

    def save(self, manifest: Manifest) -> None:
        fsutil.write_text(self.path, self.dumps(manifest))

    @staticmethod
    def dumps(manifest: Manifest) -> str:
        """The manifest file's text (what `save` writes; a publish journal carries it too)."""
        data = {
            "format": CACHE_FORMAT,
            "articles": {k: manifest.entries[k].to_json() for k in sorted(manifest.entries)},
            "site": manifest.site,
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def clear(self) -> None:
        if self.root.is_dir():
            shutil.rmtree(self.root)

    def get(self, kind: str, key: str) -> Any | None:
        path = self.objects / f"{kind}-{key}{cachecodec.SUFFIX}"
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return cachecodec.decode(kind, data)
        except cachecodec.Invalid as exc:
            cachecodec.notice(f"discarded {CACHE_DIR}/objects/{path.name} ({exc}); rebuilding it")
            path.unlink(missing_ok=True)
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        self.put_raw(kind, key, cachecodec.encode(kind, value))

    def get_raw(self, kind: str, key: str) -> bytes | None:
        """An object's stored bytes (for a remote worker, which validates them when it decodes)."""
        try:
            return (self.objects / f"{kind}-{key}{cachecodec.SUFFIX}").read_bytes()
        except OSError:
            return None

    def put_raw(self, kind: str, key: str, data: bytes) -> None:
        """Store an already encoded object (one a remote worker made), after checking that it decodes."""
        try:
            cachecodec.decode(kind, data)
        except cachecodec.Invalid as exc:
            cachecodec.notice(f"not storing a {kind} object from a worker ({exc})")
            return
        fsutil.write_bytes(self.objects / f"{kind}-{key}{cachecodec.SUFFIX}", data)

    def prune(self, keep: set[str]) -> None:
        """Drop objects no current article refers to, so the cache does not grow without bound."""
        if not self.objects.is_dir():
            return
        for path in self.objects.iterdir():
            if path.suffix != cachecodec.SUFFIX or path.stem not in keep:  # also old formats' .pickle files
                path.unlink(missing_ok=True)


def output_problem(out: Path, outputs: Mapping[str, str]) -> str | None:
    """The first recorded output that is missing or no longer holds what the build wrote, if any."""
    for rel, expected in sorted(outputs.items()):
        path = out / rel
        try:
            data = path.read_bytes()
        except OSError:
            return f"output {rel} missing"
        if digest(data) != expected:
            return f"output {rel} modified"
    return None
