"""The briefing PDF is archivable: PDF/A-3b, tagged, in Arabic, with its figures attached as data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pikepdf


def test_pdf_is_tagged_pdfa3b_with_the_figures_attached(built_sample: Path) -> None:
    (pdf_path,) = built_sample.glob("*.pdf")
    slug = pdf_path.stem
    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root
        assert str(root.Lang) == "ar"
        assert bool(root.MarkInfo.Marked)
        assert "/StructTreeRoot" in root
        assert len(root.OutputIntents) == 1
        with pdf.open_metadata() as meta:
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        files = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
        relationships = {str(spec.obj.get("/AFRelationship")) for spec in pdf.attachments.values()}
    assert set(files) == {"figures.json", "figures.csv"}
    assert relationships == {"/Data"}
    # The attached data are the very files published beside the page.
    assert files["figures.json"] == (built_sample / slug / "figures.json").read_bytes()
    assert files["figures.csv"] == (built_sample / slug / "figures.csv").read_bytes()
    records = json.loads(files["figures.json"])
    rows = list(csv.reader(io.StringIO(files["figures.csv"].decode("utf-8-sig"))))
    assert records and len(rows) > 1
