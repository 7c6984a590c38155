"""The build cache holds data, not code: every object and the manifest are validated when read (issue 18)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import msgspec
import pytest
from projects import make_project, snapshot

from reportgen import build, config
from reportgen.build import cachecodec
from reportgen.build.cache import CACHE_DIR

HTML_ONLY = "formats: [html]\n"


class Boom:
    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (Path("PWNED"), "code ran"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", config=HTML_ONLY)
    assert build.build(config.load(root), jobs=1).exit_code == 0
    return root


def _objects(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / "objects").iterdir())


def test_objects_are_msgpack_data_not_pickles(project: Path) -> None:
    objects = _objects(project)
    assert objects and all(p.suffix == ".msgpack" for p in objects)
    for path in objects:
        kind = path.name.split("-", 1)[0]
        cachecodec.decode(kind, path.read_bytes())  # validates
        with pytest.raises(Exception):  # noqa: B017  (whatever pickle says: it is not a pickle)
            pickle.loads(path.read_bytes())


POISON = {
    "pickle-that-runs-code": pickle.dumps(Boom()),
    "garbage": b"\x00\x01garbage\xff" * 10,
    "empty": b"",
    "truncated": None,  # the first half of the real object
    "wrong-kind": None,  # a valid object of another kind (a chart where an extraction belongs)
    "old-format": msgspec.msgpack.encode((1, "extract", {})),
    "wrong-shape": msgspec.msgpack.encode((cachecodec.FORMAT, "extract", {"article": 3, "extraction": []})),
    "json": json.dumps({"article": {}, "extraction": {}}).encode(),
}


@pytest.mark.parametrize("poison", sorted(POISON))
def test_a_poisoned_object_is_discarded_with_one_line_and_rebuilt(
    project: Path, poison: str, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    reports = project / "reports"
    before = snapshot(reports)
    extraction = next(p for p in _objects(project) if p.name.startswith("extract-"))
    chart = next((p for p in _objects(project) if not p.name.startswith("extract-")), None)
    real = extraction.read_bytes()
    data = POISON[poison]
    if poison == "truncated":
        data = real[: len(real) // 2]
    if poison == "wrong-kind":
        assert chart is not None
        data = chart.read_bytes()
    assert data is not None
    extraction.write_bytes(data)
    # Its article must be rebuilt for the object to be read: edit a page it made.
    page = next(reports.glob("*/index.html"))
    page.write_text("edited by hand\n", encoding="utf-8")
    capfd.readouterr()
    result = build.build(config.load(project), jobs=1)
    err = capfd.readouterr().err
    assert result.exit_code == 0
    assert not (project / "PWNED").exists(), "a cache entry ran code"
    lines = [ln for ln in err.splitlines() if ln.startswith("cache:")]
    assert len(lines) == 1 and extraction.name in lines[0] and "rebuilding it" in lines[0], err
    assert snapshot(reports) == before
    assert extraction.read_bytes() == real  # rebuilt: the same extraction again


MANIFESTS = {
    "list": b"[1, 2, 3]\n",
    "string": b'"manifest"\n',
    "articles-a-list": json.dumps({"format": 2, "articles": [], "site": {}}).encode(),
    "entry-missing-fields": json.dumps({"format": 2, "articles": {"seeds/x.txt": {"slug": "x"}}}).encode(),
    "outputs-not-strings": json.dumps(
        {
            "format": 2,
            "articles": {"seeds/x.txt": {"source": "seeds/x.txt", "slug": "x", "deps": {}, "outputs": {"a": 1}}},
        }
    ).encode(),
    "site-wrong-type": json.dumps({"format": 2, "articles": {}, "site": {"outputs": ["index.html"]}}).encode(),
    "format-missing": json.dumps({"articles": {}}).encode(),
    "old-format": json.dumps({"format": 1, "articles": {}, "site": {}}).encode(),
    "truncated": b'{"format": 2, "arti',
    "garbage": b"\xff\xfe\x00garbage",
}


@pytest.mark.parametrize("manifest", sorted(MANIFESTS))
def test_a_manifest_of_the_wrong_shape_means_a_rebuild_not_a_traceback(
    project: Path, manifest: str, capfd: pytest.CaptureFixture[str]
) -> None:
    reports = project / "reports"
    before = snapshot(reports)
    (project / CACHE_DIR / "manifest.json").write_bytes(MANIFESTS[manifest])
    capfd.readouterr()
    result = build.build(config.load(project), jobs=1)
    err = capfd.readouterr().err
    assert result.exit_code == 0
    assert len(result.rebuilt) == 1  # everything rebuilt from scratch
    lines = [ln for ln in err.splitlines() if ln.startswith("cache:")]
    assert len(lines) == 1 and "manifest.json" in lines[0] and "rebuilding all" in lines[0], err
    assert snapshot(reports) == before
    again = build.build(config.load(project), jobs=1)
    assert not again.rebuilt and not again.stale_site
