"""Synthetic Arabic news corpus for benchmarks: N articles of realistic length, deterministic given a seed.

    python benchmarks/make_corpus.py OUT_DIR --articles 400 [--seed 7] [--from-sample]

Each article has front matter (title, date, source) and 6–20 sentences drawn from varied patterns:
counted figures («تدمير 15 معسكراً», «تحرير 40 قرية»), areas and distances («مساحة 2000 كم»), money
(«2.3 مليار دولار»), percentages, dates, places from the bundled gazetteer, and quotes with speakers
(«وقال العميد … إن "…"»). Writes OUT_DIR/seeds/*.txt and a config.yaml copied from the repository.

With --from-sample (`sample_corpus`), every article is the repository's sample seed with each of its numbers
replaced by another (0.5–2× the original, drawn per article), so every briefing has the sample's length,
layout and charts, with different figures and bar lengths.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PLACES = [
    "الرطبة", "كربلاء", "القائم", "البوكمال", "الباغوز", "حصيبة", "الموصل", "الأنبار", "دير الزور",
    "الرقة", "تكريت", "سامراء", "الفلوجة", "الرمادي", "كركوك", "بغداد", "دمشق", "حلب", "حمص", "درعا",
]  # fmt: skip
ORGS = ["الحشد الشعبي", "كتائب حزب الله", "الأمم المتحدة", "قيادة العمليات المشتركة", "المرصد السوري"]
SPEAKERS = [
    ("العميد", "يحيى رسول", "المتحدث باسم قيادة العمليات المشتركة"),
    ("الفريق الركن", "عبد الأمير رشيد يارالله", "قائد عمليات تحرير غرب الأنبار"),
    ("الكولونيل", "راين ديلون", "المتحدث باسم التحالف الدولي"),
    ("اللواء", "سعد معن", "المتحدث باسم وزارة الداخلية"),
    ("الوزير", "خالد العبيدي", "وزير الدفاع"),
    ("السيد", "جعفر الحسيني", "المتحدث باسم كتائب حزب الله"),
]
SOURCES = ["وكالة الأنباء", "مراسلنا", "فرانس برس", "رويترز", "المرصد", "وكالة الأناضول"]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول"]

FIGURES = [
    "وأعلنت القوات المشتركة تدمير {n} معسكراً للإرهابيين في صحراء {place}.",
    "وتمكنت القطعات من تحرير {n} قرية جنوب {place} بعد معارك استمرت {d} أيام.",
    "وبلغت المساحة الكلية المحررة {big} كم² في محيط {place}.",
    "وأسفرت الضربات عن تدمير {n} أوكار تستخدم لشن الهجمات على الطريق الدولي قرب {place}.",
    "ونفذ الطيران {n} غارة جوية على مواقع التنظيم في {place}.",
    "وأكدت المصادر اعتقال {n} مشتبهاً بهم خلال عمليات التفتيش في {place}.",
    "وأفاد مسؤولون بمقتل {n} مسلحاً وإصابة {m} آخرين في اشتباكات عند أطراف {place}.",
    "وقدرت الحكومة كلفة إعادة إعمار {place} بنحو {money} مليار دولار.",
    "وخصصت الأمم المتحدة {money} مليون دولار لمساعدة النازحين من {place}.",
    "وارتفعت نسبة العائدين إلى {place} إلى {pct}% خلال الشهر الماضي.",
    "وتراجعت الهجمات في {place} بنسبة {pct} في المئة مقارنة بالعام السابق.",
    "ونزحت أكثر من {big} عائلة من {place} منذ بدء العمليات.",
    "وتقدمت القوات مسافة {n} كم باتجاه {place}.",
    "كما جرى تدمير {n} عجلة مفخخة قبل وصولها إلى {place}.",
]
PLAIN = [
    "وتقترب القوات بشكل متزامن على جانبي الحدود، في سعيها إلى إطباق الخناق على التنظيم.",
    "وبعد يوم من إعلان تحرير مركز {place}، تحدثت مصادر محلية عن اشتباكات متقطعة في الريف الشرقي.",
    "وجاء ذلك في {day} {month} بحسب بيان رسمي صدر في {place}.",
    "وأشار {org} إلى أن الوضع الإنساني في {place} ما زال صعباً رغم تحسن الأوضاع الأمنية.",
    "ودعت {org} إلى فتح ممرات آمنة لإيصال المساعدات إلى سكان {place}.",
    "وشهدت مناطق قرب {place} حركة نزوح واسعة باتجاه المخيمات.",
    "ولم ترد معلومات عن خسائر بشرية في صفوف المدنيين حتى ساعة إعداد هذا التقرير.",
]
QUOTES = [
    'وقال {rank} {name}، {role}، إن "القوات تمكنت من تحرير {n} قرية وتأمين الطريق إلى {place}".',
    'وأضاف {name} في بيان له أمس أن "العملية أسفرت عن تدمير {n} معسكراً وقتل العشرات من الإرهابيين".',
    'وأكد {rank} {name} لـ(فرانس برس) أن "التنسيق قائم مع {org} لملاحقة فلول التنظيم في {place}".',
    'ونقلت الوكالة عن {name} قوله إن "الوضع في {place} تحت السيطرة الكاملة".',
]
TITLES = [
    "تحرير {n} قرية غرب {place}",
    "تدمير {n} معسكراً في صحراء {place}",
    "عملية تطهير واسعة في {place}",
    "{org}: تقدم جديد قرب {place}",
    "نزوح آلاف العائلات من {place}",
    "كلفة إعمار {place} تتجاوز {money} مليار دولار",
]


def _fill(pattern: str, rng: random.Random) -> str:
    rank, name, role = rng.choice(SPEAKERS)
    return pattern.format(
        n=rng.randint(3, 60),
        m=rng.randint(2, 40),
        d=rng.randint(2, 9),
        big=rng.choice([1500, 2000, 3500, 12000, 20000, 45000]),
        money=f"{rng.randint(1, 9)}.{rng.randint(1, 9)}",
        pct=rng.randint(5, 85),
        place=rng.choice(PLACES),
        org=rng.choice(ORGS),
        rank=rank,
        name=name,
        role=role,
        day=rng.randint(1, 28),
        month=rng.choice(MONTHS),
    )


def article(i: int, rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(6, 20)):
        kind = rng.random()
        pool = FIGURES if kind < 0.45 else QUOTES if kind < 0.7 else PLAIN
        sentences.append(_fill(rng.choice(pool), rng))
    # A few sentences per paragraph, like the wire copy the desk receives.
    paragraphs, k = [], 0
    while k < len(sentences):
        step = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[k : k + step]))
        k += step
    date = f"2017-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = _fill(rng.choice(TITLES), rng)
    front = f'---\ntitle: "{title}"\ndate: {date}\nsource: {rng.choice(SOURCES)}\n---\n'
    return front + "\n".join(paragraphs) + "\n"


def make_corpus(root: Path, n: int, seed: int = 7) -> Path:
    """A project at `root` with `n` articles (the same bytes for the same n and seed)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    rng = random.Random(seed)
    for i in range(n):
        (root / "seeds" / f"article-{i:04d}.txt").write_text(article(i, rng), encoding="utf-8")
    return root


SAMPLE = REPO / "seeds" / "rutba-karbala-operation.txt"
_NUMBER = re.compile(r"[0-9]+")


def sample_article(text: str, rng: random.Random) -> str:
    """`text` with every number n replaced by a whole number between n/2 and 2n (at least 1)."""
    return _NUMBER.sub(lambda m: str(max(1, round(int(m.group()) * rng.uniform(0.5, 2.0)))), text)


def sample_corpus(root: Path, n: int, seed: int = 7) -> Path:
    """A project at `root` with `n` variants of the sample seed (the same bytes for the same n and seed)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        (root / "seeds" / f"sample-{i:04d}.txt").write_text(sample_article(text, rng), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--from-sample", action="store_true", help="variants of the sample seed (other numbers)")
    args = parser.parse_args()
    (sample_corpus if args.from_sample else make_corpus)(args.out, args.articles, args.seed)
    print(f"{args.articles} articles in {args.out / 'seeds'}")


if __name__ == "__main__":
    main()
