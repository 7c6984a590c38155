"""The DOCX format: right to left at every level, original Unicode, the same bytes on any clock or directory."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from projects import REPO, make_project

from reportgen import config as config_mod
from reportgen.build import build

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_project(root: Path) -> Path:
    text = (REPO / "config.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^formats:.*$", "formats: [html, pdf, docx]", text)
    if "formats:" not in text:
        text += "\nformats: [html, pdf, docx]\n"
    return make_project(root, config=text)


@pytest.fixture(scope="module")
def built_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cfg = config_mod.load(_docx_project(tmp_path_factory.mktemp("docx")))
    result = build(cfg)
    assert result.exit_code == 0, [o.error for o in result.failed]
    return cfg.output_dir


def _document(path: Path):  # type: ignore[no-untyped-def]
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_every_paragraph_run_and_table_is_right_to_left(built_docx: Path) -> None:
    (docx_file,) = built_docx.glob("*.docx")
    doc = _document(docx_file)
    body = doc.find(f"{W}body")
    assert body.find(f"{W}sectPr/{W}bidi") is not None, "the section is not right to left"
    paragraphs = doc.iter(f"{W}p")
    for p in paragraphs:
        if p.find(f".//{W}t") is not None:
            assert p.find(f"{W}pPr/{W}bidi") is not None, "a paragraph is laid out left to right"
    runs = [r for r in doc.iter(f"{W}r") if r.find(f"{W}t") is not None]
    assert runs and all(r.find(f"{W}rPr/{W}rtl") is not None for r in runs)
    tables = list(doc.iter(f"{W}tbl"))
    assert tables and all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in tables)


def test_the_figures_table_and_text_keep_the_original_unicode(built_docx: Path) -> None:
    (docx_file,) = built_docx.glob("*.docx")
    slug = docx_file.stem
    records = json.loads((built_docx / slug / "figures.json").read_text(encoding="utf-8"))
    figures = records["figures"] if isinstance(records, dict) else records
    doc = _document(docx_file)
    (table,) = doc.iter(f"{W}tbl")
    first_column = ["".join(row.find(f"{W}tc").itertext()) for row in table.iter(f"{W}tr")][1:]
    assert first_column == [f["shown"] for f in figures]
    text = "".join(doc.itertext())
    sample = (REPO / "seeds").glob("*.txt")
    body = next(sample).read_text(encoding="utf-8")
    # Presentation forms would mean someone pre-reshaped the text; Word shapes Arabic itself.
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)
    assert any(line.strip() and line.strip() in text for line in body.splitlines()[-5:])


def test_same_bytes_in_another_directory_at_another_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(config_mod.load(_docx_project(tmp_path / "a")))
    assert first.exit_code == 0
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    second = build(config_mod.load(_docx_project(tmp_path / "b")))
    assert second.exit_code == 0
    (a,) = (tmp_path / "a" / "reports").glob("*.docx")
    (b,) = (tmp_path / "b" / "reports").glob("*.docx")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(io.BytesIO(a.read_bytes())) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert str(tmp_path) not in z.read("word/document.xml").decode()


def test_check_passes_the_built_docx_and_fails_one_made_left_to_right(built_docx: Path, tmp_path: Path) -> None:
    from reportgen.check import docx_rtl

    (docx_file,) = built_docx.glob("*.docx")
    cfg = config_mod.load(built_docx.parent)
    assert docx_rtl.check(built_docx, cfg) == []
    out = tmp_path / "reports"
    out.mkdir()
    with zipfile.ZipFile(docx_file) as src, zipfile.ZipFile(out / "ltr.docx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:bidi/>", b"").replace(b"<w:bidiVisual/>", b"")
            dst.writestr(info, data)
    found = {p.where.split(" ")[0] for p in docx_rtl.check(out, cfg)}
    assert found == {"section", "paragraph", "table"}


def test_the_charts_are_in_the_document_with_their_captions(built_docx: Path) -> None:
    path = built_docx / "rutba-karbala-operation.docx"
    with zipfile.ZipFile(path) as z:
        images = [n for n in z.namelist() if n.startswith("word/media/")]
        pngs = [z.read(n) for n in images]
    # The sample has a key-figures chart and a places/organisations chart; both go in as their PNGs.
    assert len(images) == 2
    assert all(p.startswith(b"\x89PNG") for p in pngs)
    site_pngs = {p.read_bytes() for p in (built_docx / "rutba-karbala-operation").glob("*.png")}
    assert set(pngs) == site_pngs  # the very charts the page shows
    doc = _document(path)
    captions = [
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in doc.iter(f"{W}p")
        if any(s.get(f"{W}val") == "Caption" for s in p.iter(f"{W}pStyle"))
    ]
    assert len(captions) == 2 and all(re.search(r"[\u0600-\u06ff]", c) for c in captions)
