"""Bad input, faults and hostile templates: clear errors, nothing lost, nothing leaked."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest
from projects import SAMPLE, make_project, processes_mentioning

from reportgen import build, config
from reportgen.build import lock
from reportgen.errors import TemplateError
from reportgen.outputs import pdf
from reportgen.present import render

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
HTML_ONLY = "formats: [html]\n"


def build_one(tmp_path: Path, name: str, content: str | bytes, cfg: str = HTML_ONLY) -> build.Outcome:
    make_project(tmp_path, config=cfg, seeds={name: content, "control.txt": SAMPLE_TEXT})
    result = build.build(config.load(tmp_path))
    by_source = {o.source: o for o in result.outcomes}
    assert by_source["seeds/control.txt"].ok, "one bad article must not stop the others"
    return by_source[f"seeds/{name}"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", "", "seeds/empty.txt:1: the article is empty"),
        ("blank.txt", " \n\t\n\r\n", "seeds/blank.txt:1: the article is empty"),
        ("binary.txt", bytes(range(256)) * 8, "seeds/binary.txt: looks like a binary file"),
        ("legacy.txt", "عنوان\nقتل 12 شخصاً في الهجوم على القرية\n".encode("cp1256"), "Windows-1256"),
        ("nul.txt", "عنوان\nنص\x00نص\n", "seeds/nul.txt:2:3: contains a NUL character"),
        ("list.txt", "---\n- a\n---\nنص\n", "seeds/list.txt:2: front matter must be a mapping"),
        ("js-url.txt", "---\nurl: javascript:alert(1)\n---\nعنوان\n", "front matter 'url' must be an http(s) URL"),
        ("bad-date.txt", "---\ndate: أمس\n---\nعنوان\n", "front matter 'date' must be YYYY-MM-DD"),
        ("boiler.txt", "تنويه: جميع المقالات المنشورة تمثل رأي كتابها فقط\n", "holds only site boilerplate"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.endswith(".txt") else "",
)
def test_bad_inputs_get_a_located_error(tmp_path: Path, name: str, content: str | bytes, expected: str) -> None:
    outcome = build_one(tmp_path, name, content)
    assert not outcome.ok
    assert outcome.error is not None and expected in outcome.error
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"{Path(name).stem}/index.html" not in index


def test_oversized_article_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = ("عنوان\n" + "كلمة " * 2_000_000).encode()  # ~ 20 MB
    read: list[str] = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real_read_bytes(self))
    outcome = build_one(tmp_path, "big.txt", big, cfg=HTML_ONLY + "max_article_bytes: 1000000\n")
    assert "big.txt" not in read, "the oversized article must never be read into memory whole"
    assert outcome.error is not None and "over the limit of 1,000,000" in outcome.error
    assert "max_article_bytes" in outcome.error


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("utf16.txt", ("\ufeff" + SAMPLE_TEXT).encode("utf-16-le")),
        ("mixed.txt", SAMPLE_TEXT.replace("\n", "\r\n", 5).replace("\n", "\r", 3)),
        ("long-line.txt", "عنوان\n" + ("تدمير 15 معسكراً في 40 قرية، " * 5_000)),
        ("quotes.txt", "عنوان\nقال المتحدث إن”الوضع هادئ\nوأضاف «لا تعليق\n"),
        ("controls.txt", "عنوان \u200f\nتدمير\u200d 15 معسكراً\u202b في \u200eH3\u202c\n"),
        ("html.txt", "<script>alert('x')</script> عنوان\n<img src=x onerror=alert(1)> تدمير 15 معسكراً\n"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.endswith(".txt") else "",
)
def test_odd_but_valid_inputs_build(tmp_path: Path, name: str, content: str | bytes) -> None:
    outcome = build_one(tmp_path, name, content)
    assert outcome.ok, outcome.error
    page = (tmp_path / "reports" / Path(name).stem / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    if name == "html.txt":
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    if name == "controls.txt":
        assert "\u200d" in page and "\u202b" in page  # shown as written, not stripped
    if name == "utf16.txt":
        assert any("UTF-16" in w for w in outcome.warnings)


def test_duplicate_slug_is_reported(tmp_path: Path) -> None:
    make_project(tmp_path, config=HTML_ONLY, seeds={"a b.txt": SAMPLE_TEXT, "a-b.txt": SAMPLE_TEXT})
    result = build.build(config.load(tmp_path))
    [failed] = result.failed
    assert failed.error is not None and "slug 'a-b' is already used by seeds/a b.txt" in failed.error


def test_output_outside_project_needs_allow_outside(tmp_path: Path) -> None:
    make_project(tmp_path / "p", config=f"output: {tmp_path / 'site'}\n")
    with pytest.raises(Exception, match="outside the project; pass --allow-outside"):
        config.load(tmp_path / "p")
    assert config.load(tmp_path / "p", allow_outside=True).output_dir == (tmp_path / "site").resolve()


def test_sandbox_blocks_template_escape(tmp_path: Path) -> None:
    make_project(tmp_path, config=HTML_ONLY)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    env = render.environment(config.load(tmp_path))
    with pytest.raises(TemplateError, match=r"index\.html:1: SecurityError"):
        render.render(env, "index.html", {})


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_pdf_fetcher_refuses_everything_outside(tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    secret = tmp_path / "outside" / "secret.css"
    secret.parent.mkdir()
    secret.write_text("body { color: red }")
    allowed = tmp_path / "project"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p { color: blue }")
    hostile = [
        f"http://127.0.0.1:{port}/track.png",
        "https://example.com/x.css",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        secret.as_uri(),
        "../outside/secret.css",
        (allowed / ".." / "outside" / "secret.css").as_uri(),
    ]
    html = "<html><head>" + "".join(f'<link rel="stylesheet" href="{u}">' for u in hostile)
    html += f'<link rel="stylesheet" href="{(allowed / "ok.css").as_uri()}"></head><body>'
    html += "".join(f'<img src="{u}">' for u in hostile) + "<p>نص</p></body></html>"
    try:
        data, problems = pdf.render_pdf(html, allowed, roots=(allowed,))
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == [], "the PDF renderer must not reach the network, not even loopback"
    refused = " ".join(problems)
    for url in hostile:
        assert "refused to fetch" in refused
        assert Path(url).name in refused or url in refused, url
    assert "ok.css" not in refused
    assert data.startswith(b"%PDF")


def test_concurrent_build_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    make_project(tmp_path, config=HTML_ONLY)
    with lock.build_lock(tmp_path / "reports"):
        proc = subprocess.run(
            [sys.executable, "-m", "reportgen", "build"], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
    assert proc.returncode == 1
    assert "another reportgen build is writing" in proc.stderr


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_killed_mid_pdf_leaves_previous_outputs_and_next_build_recovers(tmp_path: Path, sig: signal.Signals) -> None:
    names = [f"a{i}.txt" for i in range(3)]
    make_project(tmp_path, config="formats: [html, pdf]\n", seeds={n: SAMPLE_TEXT for n in names})
    cmd = [sys.executable, "-m", "reportgen", "build"]
    assert subprocess.run(cmd, cwd=tmp_path, capture_output=True, timeout=300).returncode == 0
    before = _snapshot(tmp_path / "reports")
    # Change every article so the next build rewrites every output, then kill it while it renders.
    for n in names:
        (tmp_path / "seeds" / n).write_text(SAMPLE_TEXT.replace("40 قرية", "41 قرية"), encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    line = proc.stderr.readline()  # the first briefing is done: the second is being rendered now
    assert line.startswith("rebuilt:"), line
    time.sleep(0.3)
    os.kill(proc.pid, sig)
    proc.wait(timeout=30)
    proc.stderr.close()
    # Its worker processes (and their forkserver) notice and end too: nothing is left running.
    deadline = time.monotonic() + 20
    while processes_mentioning(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert processes_mentioning(str(tmp_path)) == []
    after = _snapshot(tmp_path / "reports")
    for rel in after:
        if rel.endswith(".tmp"):
            continue  # an abandoned temp file; never referenced, removed by the next build
        if rel.endswith(".pdf"):
            pypdf.PdfReader(tmp_path / "reports" / rel)  # complete: parses
        assert rel in before, rel
    assert {r for r in before if not r.endswith(".lock")} <= set(after)
    # The next build completes and cleans up.
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    final = _snapshot(tmp_path / "reports")
    assert not [r for r in final if r.endswith(".tmp")]
    for n in names:
        html = final[f"{Path(n).stem}/index.html"].decode()
        assert "41 قرية" in html
