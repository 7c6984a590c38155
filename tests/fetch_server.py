"""A loopback HTTP server with Arabic news pages, feeds, redirects and misbehaving URLs, for the fetch tests."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import ClassVar

NAV = """<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>
<li><a href="/economy">اقتصاد</a></li><li><a href="/sports">رياضة</a></li>
<li><a href="/contact">اتصل بنا</a></li></ul></nav></header>"""
SHARE = """<div class="share"><a href="https://facebook.com/share">شارك على فيسبوك</a>
<a href="https://twitter.com/share">غرّد</a><a href="https://wa.me/">واتساب</a></div>"""
RELATED = """<aside class="related"><h3>أخبار ذات صلة</h3><ul>
<li><a href="/news/a1">افتتاح معرض الكتاب في العاصمة بمشاركة واسعة</a></li>
<li><a href="/news/a2">ارتفاع أسعار الذهب في الأسواق المحلية هذا الأسبوع</a></li>
<li><a href="/news/a3">منتخب الشباب يتأهل إلى الدور النهائي للبطولة</a></li></ul></aside>"""
FOOTER = """<footer><p>جميع الحقوق محفوظة © 2024 شبكة الأنباء</p><a href="/privacy">سياسة الخصوصية</a>
<a href="/about">من نحن</a></footer>"""

ARTICLES = {
    "dam": (
        "افتتاح سد جديد في محافظة نينوى",
        "2024-03-11",
        [
            "افتتحت وزارة الموارد المائية يوم الاثنين سدا جديدا في محافظة نينوى بكلفة تقارب 120 مليون دولار.",
            "وقال وزير الموارد المائية إن السد سيوفر مياه الري لأكثر من 30 ألف دونم من الأراضي الزراعية.",
            "وأضاف أن نحو 450 عاملا شاركوا في أعمال البناء التي استمرت ثلاث سنوات.",
        ],
    ),
    "clinics": (
        "افتتاح عشرين مركزا صحيا في البصرة",
        "2024-03-12",
        [
            "أعلنت دائرة صحة البصرة افتتاح 20 مركزا صحيا جديدا في أقضية المحافظة ونواحيها.",
            "وذكر مدير الدائرة أن المراكز ستخدم ما لا يقل عن 200 ألف مواطن في المناطق الريفية.",
            "وأشار إلى أن الوزارة خصصت 15 مليون دولار لتجهيز المراكز بالأجهزة الطبية الحديثة.",
        ],
    ),
    "grain": (
        "تسويق القمح في ديالى",
        "2024-03-13",
        [
            "أعلنت وزارة التجارة تسويق أكثر من 50 ألف طن من القمح في محافظة ديالى منذ بداية الموسم.",
            "وقالت الوزارة إن عدد الفلاحين المشاركين بلغ قرابة 3 آلاف فلاح في المحافظة.",
            "وتوقعت الوزارة أن تصل الكميات المسوقة إلى 80 ألف طن مع نهاية الموسم الحالي.",
        ],
    ),
}

MARKERS = ("أخبار ذات صلة", "شارك على فيسبوك", "جميع الحقوق محفوظة", "اتصل بنا")


def page(key: str, charset: str = "utf-8") -> str:
    title, date, paras = ARTICLES[key]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>{title} | شبكة الأنباء</title><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:00:00+03:00">
<meta name="author" content="شبكة الأنباء"><meta property="og:site_name" content="شبكة الأنباء">
</head><body>{NAV}<main><article><h1>{title}</h1><p class="byline">{date}</p>{body}{SHARE}</article>
{RELATED}</main>{FOOTER}</body></html>"""


DAYS = ("Mon, 11 Mar 2024", "Tue, 12 Mar 2024", "Wed, 13 Mar 2024")


def rss(base: str, keys: list[str]) -> str:
    items = "".join(
        f"<item><title>{ARTICLES[k][0]}</title><link>{base}/news/{k}?utm_source=rss&amp;utm_medium=feed</link>"
        f"<pubDate>{DAYS[i % 3]} 09:00:00 +0300</pubDate></item>"
        for i, k in enumerate(keys)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>شبكة الأنباء</title>
<link>{base}/</link><description>آخر الأخبار</description>{items}</channel></rss>"""


def atom(base: str, keys: list[str]) -> str:
    entries = "".join(
        f'<entry><title>{ARTICLES[k][0]}</title><link href="{base}/news/{k}"/><id>{base}/news/{k}</id>'
        f"<updated>{ARTICLES[k][1]}T09:00:00Z</updated></entry>"
        for k in keys
    )
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>شبكة الأنباء</title><id>{base}/atom</id><updated>2024-03-13T09:00:00Z</updated>{entries}</feed>"""


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "fixture"
    log: ClassVar[list] = []

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        type(self).log.append((self.path, dict(self.headers)))
        path = self.path.split("?", 1)[0]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/rss":
            return self._send(rss(base, ["dam", "clinics"]).encode(), "application/rss+xml", etag='"rss-1"')
        if path == "/atom":
            return self._send(atom(base, ["grain"]).encode(), "application/atom+xml")
        if path.startswith("/news/"):
            key = path.rsplit("/", 1)[-1]
            if key in ARTICLES:
                return self._send(page(key).encode(), "text/html; charset=utf-8")
        if path == "/cp1256":
            return self._send(page("grain", "windows-1256").encode("cp1256"), "text/html; charset=windows-1256")
        if path == "/moved":
            return self._redirect("/news/dam")
        if path == "/loop":
            return self._redirect("/loop")
        if path == "/to-other-host":
            # Same server, reached by another name for a loopback address: must be refused.
            return self._redirect(f"http://localhost:{self.server.server_address[1]}/news/dam")
        if path == "/bad-feed":
            items = (
                f"<item><title>x</title><link>http://localhost:{self.server.server_address[1]}/news/dam</link></item>"
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
            return self._send(body.encode(), "application/rss+xml")
        if path == "/file-redirect":
            return self._redirect("file:///etc/passwd")
        if path == "/slow":
            time.sleep(3)
            return self._send(page("dam").encode(), "text/html")
        if path == "/huge":
            return self._send(
                b"<html><body>" + b"<p>" + "كلمة ".encode() * 400_000 + b"</p></body></html>", "text/html"
            )
        self.send_error(404, "Not Found")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, body: bytes, ctype: str, etag: str | None = None) -> None:
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@contextmanager
def serve() -> Iterator[tuple[str, list]]:
    Handler.log = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", Handler.log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
