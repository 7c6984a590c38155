"""Benchmark (run on demand, not in the test suite): reportgen extract vs Duckling on Arabic news.

    pip install pyduckling-native-phihos
    PYTHONPATH=. python benchmarks/extract_vs_duckling.py [--docs 1000]

1. Speed: ~1,000 generated news paragraphs; reportgen runs as ONE subprocess over all files (start-up
   included); Duckling runs in-process (its load is excluded, favouring Duckling).
2. Quality: figure precision/recall/F1 on a hand-labelled set (LABELLED below, not the test corpus).
   Duckling has no notion of a key figure, so each number/money/distance/quantity it returns counts as a
   figure prediction — which is where it reports years, dates, days and ages as numbers.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLACES = ["الرمادي", "الموصل", "دير الزور", "البوكمال", "الفلوجة", "تكريت", "حلب", "إدلب", "الرقة", "كركوك"]
PEOPLE = ["العميد يحيى رسول", "اللواء سعد معن", "الكولونيل راين ديلون", "الفريق الركن عبد الامير يارالله"]
MONTHS = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
    "يناير",
    "فبراير",
    "مارس",
    "نوفمبر",
]
NOUNS = ["قتيلا", "جريحا", "معسكرا", "قرية", "عائلة", "شخصا", "مسلحا", "غارة", "سيارة", "منزلا"]
TEMPLATES = [
    "أعلنت قيادة العمليات المشتركة، يوم الجمعة، تدمير {n} {noun} في {place} خلال عملية استمرت {d} أيام.",
    "وقال {person} في بيان إن”القوات تمكنت من تحرير {n} قرية ومساحة {k} كم مربع غرب {place}”.",
    "وفي {day} {month} {year}، قتل {n} شخصا وأصيب {m} آخرون بانفجار سيارة مفخخة في {place}.",
    "وأشار التقرير إلى أن نسبة البطالة بلغت {p}% في عام {year}، بكلفة {x} مليار دولار.",
    "ونزحت نحو {n} عائلة من {place} منذ {year}، بحسب الأمم المتحدة، التي قدمت {m} مليون يورو.",
    "وأكد {person} أن طيران التحالف شن بين {n} و{m} غارة على مواقع داعش قرب {place} أمس.",
    "وأوضح مصدر أمني أن القوات اعتقلت {n} مشتبها بهم في {place}، بينهم شاب يبلغ من العمر {age} عاما.",
    "وذكرت وكالة رويترز أن {n} ألف نازح عادوا إلى {place} حتى الساعة {h}:30 من صباح اليوم.",
]


def paragraphs(count: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for t in rnd.sample(TEMPLATES, 3):
            parts.append(
                t.format(
                    n=rnd.randint(2, 900),
                    m=rnd.randint(2, 90),
                    k=rnd.randint(10, 9000),
                    d=rnd.randint(2, 9),
                    noun=rnd.choice(NOUNS),
                    place=rnd.choice(PLACES),
                    person=rnd.choice(PEOPLE),
                    day=rnd.randint(1, 28),
                    month=rnd.choice(MONTHS),
                    year=rnd.randint(2003, 2024),
                    p=rnd.randint(3, 60),
                    x=round(rnd.uniform(1, 9), 1),
                    age=rnd.randint(18, 60),
                    h=rnd.randint(1, 11),
                )
            )
        out.append(" ".join(parts))
    return out


# Hand-labelled paragraphs (different from tests/extract/corpus): gold figures as (value, unit).
LABELLED: list[tuple[str, list[tuple[float | None, str | None]]]] = [
    ("قتل 12 شخصا وأصيب 30 آخرون في تفجير انتحاري وسط بغداد عام 2016.", [(12, None), (30, None)]),
    ("أعلنت الأمم المتحدة في 5 آذار 2018 أن 400 ألف شخص نزحوا من الغوطة.", [(400000, None)]),
    ("بلغت خسائر الاقتصاد 2.5 مليار دولار خلال 2015.", [(2500000000, "USD")]),
    ("وارتفعت نسبة التضخم إلى 14% في تشرين الأول الماضي.", [(14, "percent")]),
    ("تمكنت القوات من تحرير 35 قرية ومساحة 1200 كيلومتر مربع.", [(35, None), (1200, "km2")]),
    ("وقال الرئيس إن القرار 2254 يجب أن يطبق، مشيرا إلى مقتل 500 ألف سوري منذ 2011.", [(500000, None)]),
    ("اعتقلت الشرطة 7 مشتبهين في الساعة 10:30 من مساء الخميس.", [(7, None)]),
    ("تسلم الجيش 24 دبابة من طراز T-72 في حزيران 2017.", [(24, None)]),
    ("ويبلغ عدد سكان المدينة نحو 300 ألف نسمة.", [(300000, None)]),
    ("وأصيب طفل يبلغ من العمر 10 أعوام بجروح.", []),
    ("سقط ثلاثة قتلى وخمسة جرحى في قصف على إدلب.", [(3, None), (5, None)]),
    ("قدمت السعودية 100 مليون ريال سعودي مساعدات.", [(100000000, "SAR")]),
    ("وشن التحالف 18 غارة جوية على مواقع التنظيم يوم 14 من الشهر الجاري.", [(18, None)]),
    ("وتبعد البلدة 40 كم عن الحدود السورية.", [(40, "km")]),
    ("ضبطت القوات 3 أطنان من المتفجرات و50 عبوة ناسفة.", [(3, "ton"), (50, None)]),
    ("في عام 1991 دخلت القوات الكويت.", []),
    ("أكثر من 200 عائلة عادت إلى منازلها في الفلوجة.", [(200, None)]),
    ("وبلغت الموازنة 112 ترليون دينار عراقي لعام 2019.", [(112000000000000, "IQD")]),
    ("للاستفسار يرجى الاتصال على الرقم 07901234567.", []),
    ("قتل جنديان وأصيب أربعة آخرون في هجوم على حاجز.", [(2, None), (4, None)]),
    ("وصادرت السلطات 15 كغ من المخدرات.", [(15, "kg")]),
    ("وتراجع سعر الليرة السورية إلى 3000 ليرة مقابل الدولار.", [(3000, "SYP")]),
    ("وانخفضت صادرات النفط بنسبة 20 في المئة إلى مليوني برميل يوميا.", [(20, "percent"), (2000000, "barrel")]),
    ("استمرت المعركة 45 يوما، وانتهت في 17 تشرين الأول 2017.", [(45, "day")]),
    ("وأشار إلى أن الفرقة 16 شاركت في تحرير 12 حيا في الموصل.", [(12, None)]),
    ("أفرج عن 150 معتقلا بموجب العفو.", [(150, None)]),
    ("تقدر الأضرار بنحو 700 مليون يورو.", [(700000000, "EUR")]),
    ("وبحسب المرصد، قتل 9 مدنيين بينهم 4 أطفال.", [(9, None), (4, None)]),
    ("وصل عدد اللاجئين إلى 5.6 مليون لاجئ.", [(5600000, None)]),
    ("وشارك في الاجتماع ممثلو 14 دولة في جنيف يوم الأربعاء.", [(14, None)]),
    ("ودمرت الغارات عشرات المنازل في الحي.", [(None, None)]),
    ("تم تفكيك 60 عبوة ناسفة وتدمير 8 أنفاق.", [(60, None), (8, None)]),
    ("ولد الكاتب عام 1950 وتوفي في 2020.", []),
    ("وتضم المحافظة 1.5 مليون نسمة.", [(1500000, None)]),
    ("بلغت نسبة المشاركة في الانتخابات 44.5%.", [(44.5, "percent")]),
    ("وقدمت مصر 50 مليون جنيه مصري لإعادة الإعمار.", [(50000000, "EGP")]),
    ("وسيطرت القوات على 80 بالمئة من مساحة المدينة.", [(80, "percent")]),
    ("وانطلقت الرحلة رقم 302 في الساعة 8 صباحا.", []),
    ("وأعلنت الوزارة تسجيل 230 إصابة جديدة بفيروس كورونا.", [(230, None)]),
    ("ونقلت 25 شاحنة مساعدات إلى حلب الأسبوع الماضي.", [(25, None)]),
    ("وأسقطت الدفاعات الجوية طائرتين مسيرتين قرب الحدود.", [(2, None)]),
    ("وقد أنفق البرنامج 3 مليارات دولار خلال خمس سنوات.", [(3000000000, "USD"), (5, "year")]),
]


def reportgen_speed(texts: list[str]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, t in enumerate(texts):
            p = Path(tmp) / f"{i:05d}.txt"
            p.write_text(f"عنوان {i}\n{t}\n", encoding="utf-8")
            paths.append(str(p))
        code = (
            "import sys; from pathlib import Path; from reportgen import config; "
            "from reportgen.cli.extract import run; "
            f"sys.exit(run(sys.argv[1:], 'jsonl', config.load(Path({str(ROOT)!r})), False, sys.stdout, sys.stdin))"
        )
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", code, *paths],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            check=False,
        )
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.exit(proc.stderr)
        lines = proc.stdout.splitlines()
        return elapsed, sum(len(json.loads(line)["figures"]) for line in lines)


def duckling_setup():  # type: ignore[no-untyped-def]
    from duckling import (
        Context,
        default_locale_lang,
        load_time_zones,
        parse,
        parse_dimensions,
        parse_lang,
        parse_ref_time,
    )

    tz = load_time_zones("/usr/share/zoneinfo")
    ref = parse_ref_time(tz, "UTC", int(time.time()))
    ctx = Context(ref, default_locale_lang(parse_lang("AR")))
    dims = parse_dimensions(
        ["number", "amount-of-money", "distance", "quantity", "volume", "duration", "time", "ordinal"]
    )
    return lambda text: parse(text, ctx, dims, False)


def duckling_figures(result: list[dict]) -> list[tuple[float | None, str | None]]:
    out = []
    for r in result:
        if r["dim"] in ("number", "amount-of-money", "distance", "quantity", "volume"):
            v = r["value"].get("value")
            unit = r["value"].get("unit")
            out.append((v, unit if r["dim"] == "amount-of-money" else None))
    return out


def prf(gold: list[list[tuple]], pred: list[list[tuple]], units: bool) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        g_left = [(v, u if units else None) for v, u in g]
        for v, u in p:
            key = (v, u if units else None)
            hit = next(
                (
                    i
                    for i, x in enumerate(g_left)
                    if (
                        (x[0] is None and key[0] is None)
                        or (x[0] is not None and key[0] is not None and abs(x[0] - key[0]) < 1e-6 * max(1, abs(x[0])))
                    )
                    and (not units or x[1] == key[1])
                ),
                None,
            )
            if hit is None:
                fp += 1
            else:
                tp += 1
                g_left.pop(hit)
        fn += len(g_left)
    p_ = tp / (tp + fp) if tp + fp else 0.0
    r_ = tp / (tp + fn) if tp + fn else 0.0
    return p_, r_, 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0


_DUCKLING_CHILD = """
import sys, time, json
sys.path.insert(0, {bench!r})
from extract_vs_duckling import duckling_setup, duckling_figures
texts = json.load(open({path!r}, encoding="utf-8"))
duck = duckling_setup()
duck("تحميل")
start = int(sys.argv[1])
for i in range(start, len(texts)):
    print("at", i, flush=True)
    t0 = time.perf_counter()
    n = len(duckling_figures(duck(texts[i])))
    print("done", i, time.perf_counter() - t0, n, flush=True)
"""


def duckling_speed(texts: list[str]) -> tuple[float, int, set[int]]:
    """Duckling over `texts` in child processes: parse time summed (its load excluded), figures, and the
    paragraphs it aborted on (pyduckling-native kills its process on some Arabic durations; a new child
    resumes after the paragraph that killed the last one)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        code = _DUCKLING_CHILD.format(bench=str(ROOT / "benchmarks"), path=str(path))
        seconds, found, crashed, start = 0.0, 0, set(), 0
        while start < len(texts):
            proc = subprocess.run(
                [sys.executable, "-c", code, str(start)], capture_output=True, text=True, errors="replace", check=False
            )
            last = start
            for line in proc.stdout.splitlines():
                parts = line.split()
                if parts[0] == "at":
                    last = int(parts[1])
                else:
                    seconds += float(parts[2])
                    found += int(parts[3])
            if proc.returncode == 0:
                break
            crashed.add(last)
            start = last + 1
        return seconds, found, crashed


def realnews_texts() -> list[str]:
    """Every paragraph of the real-news set (dev and held-out test): the speed test reads, never tunes."""
    texts = []
    for name in ("dev.jsonl", "test-heldout.jsonl"):
        for line in (ROOT / "benchmarks" / "realnews" / name).read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument(
        "--realnews", action="store_true", help="time both engines on the real-news paragraphs (benchmarks/realnews)"
    )
    args = ap.parse_args()
    if args.realnews:
        texts = realnews_texts()
        dk_time, duck_nums, crashed = duckling_speed(texts)
        texts = [t for i, t in enumerate(texts) if i not in crashed]  # both engines on the same paragraphs
        rg_time, rg_figs = reportgen_speed(texts)
        print(f"\nSpeed on {len(texts)} real-news paragraphs ({len(crashed)} left out: Duckling aborts on them)")
        print(f"{'engine':<34}{'seconds':>10}{'docs/s':>10}{'figures':>10}")
        print(f"{'reportgen (1 subprocess, start-up)':<34}{rg_time:>10.2f}{len(texts) / rg_time:>10.0f}{rg_figs:>10}")
        print(f"{'duckling (in-process, load excl.)':<34}{dk_time:>10.2f}{len(texts) / dk_time:>10.0f}{duck_nums:>10}")
        ratio = dk_time / rg_time
        print(f"ratio reportgen/duckling docs/s: {ratio:.2f}x (target >= 1.5x: {'PASS' if ratio >= 1.5 else 'FAIL'})")
        print(f"load average: {' '.join(f'{x:.2f}' for x in __import__('os').getloadavg())}")
        return
    texts = paragraphs(args.docs)

    rg_time, rg_figs = reportgen_speed(texts)
    duck = duckling_setup()
    duck("تحميل")  # warm-up: Duckling's one-off load is not counted
    t0 = time.perf_counter()
    duck_nums = sum(len(duckling_figures(duck(t))) for t in texts)
    dk_time = time.perf_counter() - t0

    print(f"\nSpeed on {len(texts)} generated paragraphs")
    print(f"{'engine':<34}{'seconds':>10}{'docs/s':>10}{'figures':>10}")
    print(f"{'reportgen (1 subprocess, start-up)':<34}{rg_time:>10.2f}{len(texts) / rg_time:>10.0f}{rg_figs:>10}")
    print(f"{'duckling (in-process)':<34}{dk_time:>10.2f}{len(texts) / dk_time:>10.0f}{duck_nums:>10}")
    print(f"ratio reportgen/duckling docs/s: {dk_time / rg_time:.2f}x")

    sys.path.insert(0, str(ROOT))
    from reportgen import config
    from reportgen.extract import extract

    cfg = config.load(ROOT)
    gold = [g for _, g in LABELLED]
    rg_pred = [[(f.value, f.unit) for f in extract(t, cfg).figures] for t, _ in LABELLED]
    dk_pred = [duckling_figures(duck(t)) for t, _ in LABELLED]
    print(f"\nFigure quality on {len(LABELLED)} hand-labelled paragraphs ({sum(map(len, gold))} gold figures)")
    print(f"{'engine':<28}{'P':>7}{'R':>7}{'F1':>7}")
    for name, pred, units in (
        ("reportgen (value)", rg_pred, False),
        ("reportgen (value+unit)", rg_pred, True),
        ("duckling (value)", dk_pred, False),
    ):
        p, r, f = prf(gold, pred, units)
        print(f"{name:<28}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    # The real-style news set (tests/extract/eval/news.yaml, dev + held-out): value match, ranges as their low end.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import eval_news

    # pyduckling-native 0.3.0 aborts the whole process (Haskell "Ix{Int}.index: Index out of range") on these
    # paragraphs (its Arabic duration rules on «يومين», «3 أيام», «شهرين»); both engines skip them here.
    duckling_crashes = {"h15", "h23", "d018"}
    news = [p_ for p_ in eval_news.load("all") if p_["id"] not in duckling_crashes]
    n_gold = [[(g.get("v", (g.get("r") or [None])[0]), g.get("u")) for g in p_["figures"]] for p_ in news]
    # A range's value is its low end, as the gold's.
    n_rg = [[(f.value, f.unit) for f in extract(p_["text"], cfg).figures] for p_ in news]
    n_dk = [duckling_figures(duck(p_["text"])) for p_ in news]
    print(f"\nFigure quality on the news eval set ({len(news)} paragraphs, {sum(map(len, n_gold))} gold figures)")
    print(f"{'engine':<28}{'P':>7}{'R':>7}{'F1':>7}")
    for name, pred, units in (
        ("reportgen (value)", n_rg, False),
        ("reportgen (value+unit)", n_rg, True),
        ("duckling (value)", n_dk, False),
    ):
        p, r, f = prf(n_gold, pred, units)
        print(f"{name:<28}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    misses = [
        (t, g, p) for (t, g), p in zip(LABELLED, rg_pred, strict=True) if sorted(map(str, g)) != sorted(map(str, p))
    ]
    for t, g, p in misses:
        print(f"  reportgen differs: {t}\n     gold={g} got={p}")


if __name__ == "__main__":
    main()
