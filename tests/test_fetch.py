"""`reportgen fetch` against a loopback fixture server (no test touches the internet)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reportgen.sources import read
from reportgen.sources.fetch import Limits, canonical_url, run
from reportgen.sources.fetch.http import FetchError, get, user_agent
from tests.fetch_server import ARTICLES, MARKERS, page, serve

ROOT = Path(__file__).resolve().parent.parent


def _front(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _fetch(project: Path, *urls: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", "fetch", "-C", str(project), *urls],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_canonical_url_strips_tracking_and_fragment() -> None:
    assert canonical_url("HTTP://Example.COM:80/a?utm_source=x&b=2&fbclid=z&a=1#top") == "http://example.com/a?a=1&b=2"
    assert canonical_url("https://example.com/a?utm_medium=feed") == "https://example.com/a"
    assert canonical_url("https://example.com:8443/a") == "https://example.com:8443/a"


def test_rss_feed_adds_two_articles_main_text_only_then_nothing(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    with serve() as (base, log):
        first = _fetch(tmp_path, f"{base}/rss")
        assert first.returncode == 0, first.stderr
        files = sorted((tmp_path / "seeds").glob("*.txt"))
        assert [f.name for f in files] == ["clinics.txt", "dam.txt"]
        for f in files:
            meta, body = _front(f)
            key = f.stem
            title, date, paras = ARTICLES[key]
            assert meta["title"] == title
            assert meta["date"] == date
            assert meta["url"] == f"{base}/news/{key}"  # utm_* stripped
            assert meta["source"]
            for para in paras:
                assert para in body
            for marker in MARKERS:
                assert marker not in body
            assert "ارتفاع أسعار الذهب" not in body  # a related-links headline
        assert f"feed {base}/rss: 2 new" in first.stderr
        assert "2 new, 0 unchanged, 0 failed" in first.stderr
        ua = {h.get("User-Agent") for _, h in log}
        assert ua == {user_agent()} and user_agent().startswith("reportgen/")
        state = json.loads((tmp_path / ".reportgen-fetch.json").read_text(encoding="utf-8"))
        assert state["http"][f"{base}/rss"]["etag"] == '"rss-1"'

        before = {f: f.read_bytes() for f in files}
        second = _fetch(tmp_path, f"{base}/rss")
        assert second.returncode == 0, second.stderr
        assert "nothing new" in second.stderr
        assert {f: f.read_bytes() for f in sorted((tmp_path / "seeds").glob("*.txt"))} == before
        # The second request was conditional and answered 304.
        assert log[-1][1].get("If-None-Match") == '"rss-1"'


def test_atom_feed_and_dedupe_by_text_hash(tmp_path: Path) -> None:
    with serve() as (base, _log):
        summary = run(tmp_path, "seeds/*.txt", [f"{base}/atom"], lambda _: None)
        assert [p.name for p in summary.new] == ["grain.txt"]
        meta, _body = _front(tmp_path / "seeds" / "grain.txt")
        assert meta["date"] == "2024-03-13"
        # The same text under another URL (a windows-1256 copy of the page) is not added twice.
        again = run(tmp_path, "seeds/*.txt", [f"{base}/cp1256"], lambda _: None)
        assert again.new == [] and again.unchanged == 1 and not again.failed


def test_windows_1256_page_is_decoded(tmp_path: Path) -> None:
    with serve() as (base, _log):
        summary = run(tmp_path, "seeds/*.txt", [f"{base}/cp1256"], lambda _: None)
    assert not summary.failed
    _, body = _front(summary.new[0])
    assert ARTICLES["grain"][2][0] in body


def test_redirect_is_followed_and_recorded_by_final_url(tmp_path: Path) -> None:
    with serve() as (base, _log):
        summary = run(tmp_path, "seeds/*.txt", [f"{base}/moved"], lambda _: None)
        assert [p.name for p in summary.new] == ["dam.txt"]
        meta, _ = _front(summary.new[0])
        assert meta["url"] == f"{base}/news/dam"
        # Asking again by either URL adds nothing, without even a request for the known one.
        assert run(tmp_path, "seeds/*.txt", [f"{base}/news/dam", f"{base}/moved"], lambda _: None).new == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404"),
        ("/slow", "timed out"),
        ("/huge", "over the limit"),
        ("/loop", "more than 3 redirects"),
        ("/to-other-host", "refused: localhost"),
        ("/file-redirect", "only http and https"),
    ],
)
def test_failures_are_one_line_errors(path: str, reason: str) -> None:
    limits = Limits(timeout=1.0, max_bytes=1_000_000, max_redirects=3)
    with serve() as (base, _log), pytest.raises(FetchError) as info:
        get(f"{base}{path}", limits=limits)
    assert reason in str(info.value)
    assert "\n" not in str(info.value) and "http" in str(info.value)


def test_feed_link_to_other_internal_host_is_refused_and_others_kept(tmp_path: Path) -> None:
    with serve() as (base, _log):
        lines: list[str] = []
        summary = run(tmp_path, "seeds/*.txt", [f"{base}/bad-feed", f"{base}/rss", f"{base}/missing"], lines.append)
    assert sorted(p.name for p in summary.new) == ["clinics.txt", "dam.txt"]
    assert len(summary.failed) == 2 and summary.exit_code == 1
    assert any("refused: localhost" in f for f in summary.failed)
    assert any(f.startswith(f"{base}/missing: HTTP 404") for f in summary.failed)
    assert summary.line() == "2 new, 0 unchanged, 2 failed"


def test_failed_url_exit_status_is_nonzero_and_no_url_uses_feeds(tmp_path: Path) -> None:
    with serve() as (base, _log):
        (tmp_path / "config.yaml").write_text(f"feeds:\n  - {base}/atom\n", encoding="utf-8")
        ok = _fetch(tmp_path)
        assert ok.returncode == 0, ok.stderr
        assert (tmp_path / "seeds" / "grain.txt").exists()
        bad = _fetch(tmp_path, f"{base}/missing")
        assert bad.returncode == 1
        assert f"error: {base}/missing: HTTP 404" in bad.stderr
    assert _fetch(tmp_path / "empty").returncode == 2


def test_local_html_source_reads_main_text(tmp_path: Path) -> None:
    src = tmp_path / "dam.html"
    src.write_text(page("dam"), encoding="utf-8")
    article = read(src, "seeds/dam.html")
    assert article.title.text == ARTICLES["dam"][0]
    assert ARTICLES["dam"][2][1] in article.body.text
    assert article.date is not None and article.date.isoformat() == "2024-03-11"
    for marker in MARKERS:
        assert marker not in article.text


def test_a_paragraph_shared_by_many_articles_stays_in_every_one() -> None:
    from reportgen.sources.fetch.extract import extract

    shared = "وكانت الحرب قد اندلعت في منتصف أبريل بين الجيش وقوات الدعم السريع وأسفرت عن مقتل الآلاف ونزوح الملايين."

    def html(i: int) -> str:
        return (
            f"<html><body><article><h1>عنوان الخبر {i}</h1><p>قتل {i} أشخاص في قصف على المدينة رقم {i} صباح اليوم "
            f"بحسب مصادر محلية وشهود عيان.</p><p>{shared}</p><p>وأضاف المصدر {i} أن الوضع الإنساني يتدهور يوما "
            "بعد يوم في ظل نقص الغذاء والدواء.</p></article></body></html>"
        )

    pages = [extract(html(i), f"https://example.org/news/{i}") for i in range(8)]
    assert all(p is not None and shared in p.text for p in pages)
