"""Issue 15 (2): a human toll's category comes from the event word governing it in its own clause.

Each family has several phrasings; the `null` families are clauses where a guess would publish a toll under a
wrong category, so no category is the right answer.
"""

from __future__ import annotations

import pytest

from reportgen.extract import extract


def _cats(text: str, cfg) -> list[tuple[object, str | None]]:  # type: ignore[no-untyped-def]
    return [(f.value, f.category) for f in extract(text, cfg).figures]


FAMILIES = {
    "killed": [
        "قتل 12 شخصاً في انفجار سيارة مفخخة",
        "وفاة 296 شخصاً جراء السيول",
        "استشهد 16 فلسطينياً برصاص الاحتلال",
        "لقي 7 عمال حتفهم في انهيار منجم",
        "أسفر القصف عن مقتل 40 مدنياً",
        "سقط 25 قتيلاً في الاشتباكات",
        "ارتفعت حصيلة القتلى إلى 88",
        "وتوفيت 3 نساء في الحادث",
        "23 فلسطينياً استشهدوا منذ الفجر",
        "غرق 11 مهاجراً قبالة السواحل الليبية",
    ],
    "wounded": [
        "أصيب 20 آخرون في الهجوم",
        "وإصابة 9 أشخاص بجروح متفاوتة",
        "نقل 14 جريحاً إلى المستشفيات",
        "جرح 6 جنود في الاشتباك",
        "ارتفع عدد المصابين إلى 230",
        "30 مدنياً أصيبوا في القصف",
    ],
    "displaced": [
        "نزوح 3500 عائلة من القرى الحدودية",
        "تجاوز عدد النازحين 1.7 مليون شخص",
        "وصل 900 لاجئ إلى الجزيرة",
        "تهجير 120 أسرة من الحي",
    ],
    "arrests": [
        "اعتقلت الشرطة 12 مشتبهاً بهم",
        "تم القبض على سبعة متهمين",
        "توقيف 45 شخصاً خلال الاحتجاجات",
        "احتجاز 8 صحفيين في المطار",
    ],
    "missing": [
        "فقدان 60 شخصاً بعد غرق القارب",
        "لا يزال 14 شخصاً في عداد المفقودين",
        "ارتفع عدد المفقودين إلى 33",
    ],
    None: [
        "يعيش 300 شخص في القرية",
        "اتهم 5 أشخاص بالقتل",
        "قضت المحكمة بإعدام 3 متهمين",
        "أفرجت السلطات عن 50 معتقلاً",
        "سجلت الوزارة 1250 إصابة جديدة بفيروس كورونا",
        "عودة 400 نازح إلى منازلهم",
        "زار الوزير 10 مدارس",
        "وفر المشروع فرص عمل لـ 300 شخص",
        "نجا 6 أشخاص من الموت",
        "تم إنقاذ 42 مهاجراً",
    ],
}


@pytest.mark.parametrize(
    ("text", "want"), [(t, c) for c, ts in FAMILIES.items() for t in ts], ids=lambda v: str(v)[:30]
)
def test_single_toll_category(text: str, want: str | None, cfg) -> None:  # type: ignore[no-untyped-def]
    got = _cats(text, cfg)
    assert len(got) == 1, got
    assert got[0][1] == want, got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("قتل 178 شخصاً في القصف فيما تجاوز عدد النازحين 1.7 مليون شخص", ["killed", "displaced"]),
        ("قتل 3 أشخاص وأصيب 7 بجروح", ["killed", "wounded"]),
        ("أسفر الزلزال عن مقتل ما لا يقل عن 15 شخصاً وإصابة أكثر من 40 آخرين", ["killed", "wounded"]),
        ("ارتفع عدد القتلى إلى 50 والجرحى إلى 120", ["killed", "wounded"]),
        ("مقتل 5 جنود و3 مدنيين في كمين", ["killed", "killed"]),
        ("استشهد 23 فلسطينياً في الغارات، بينهم 9 أطفال و4 نساء", ["killed", "killed", "killed"]),
        ("قتل 5 أشخاص في هجوم على قرية يسكنها 300 شخص", ["killed", None]),
        ("اعتقلت القوات 4 مسلحين بينما قتل 2 آخرون", ["arrests", "killed"]),
        ("أصيب 8 أشخاص في حين نزح 200 آخرون", ["wounded", "displaced"]),
        ("زار الوزير 10 جرحى و5 أطباء", ["wounded", None]),
        ("قتل 4 أشخاص، وأصيب 11 آخرون، ونزحت 60 عائلة", ["killed", "wounded", "displaced"]),
        ("أدى القتال إلى مقتل 27 عنصراً من القوات بالإضافة إلى 34 عنصراً من المسلحين", ["killed", "killed"]),
        ("لقي أكثر من 2800 شخص مصرعهم واعتبر الآلاف في عداد المفقودين", ["killed", "missing"]),
        ("انتشلت تونس 20 جثة بعد غرق مركب يقل أكثر من 50 مهاجرا", ["casualties", None]),
        ("ارتفعت حصيلة القتلى جراء الانهيار الأرضي إلى 45", ["killed"]),
        ("وأفادت الوزارة بأن 20 مهاجرا إفريقيا على الأقل لقوا مصرعهم", ["killed"]),
        ("غادر أكثر من 3162 لاجئاً الأردن هذا العام، عائدين إلى بلادهم", [None]),
        ("توزعت الإصابات بين 153 إصابة في حلب و21 إصابة في الحسكة", [None, None]),
        ("أسفر القصف عن 13 إصابة بين المدنيين", ["wounded"]),
        ("أسفر القصف عن مقتل وإصابة حوالي 21 شخصاً", [None]),
        ("أدى القصف إلى مقتل عشرات النازحين", ["killed"]),
        ("ثلاثة فلسطينيين على الأقل قتلوا وأصيب 9 آخرون", ["killed", "wounded"]),
        ("شنت القوات حملة اعتقالات واسعة في الضفة، طالت ما لا يقل عن 60 فلسطينياً", ["arrests"]),
        ("أفاد النادي باعتقال الجيش الإسرائيلي أكثر من 100 فلسطيني", ["arrests"]),
        (
            "بلغ عدد حالات الاعتقال منذ بداية الحرب نحو 17500 حالة، من بينهم 545 امرأة ونحو 1400 طفل",
            ["arrests", "arrests", "arrests"],
        ),
        ("أودت الفيضانات التي ضربت البلاد بحياة ما لا يقل عن 22 شخصاً", ["killed"]),
        ("مقتل 8 أشخاص وإصابة 13 آخرين في القصف، منهم 6 حالات خطرة", ["killed", "wounded", "wounded"]),
        # A masdar after «إلى» with an object of its own («وفاة أم وطفليها») does not count the figure before it.
        ("تسبب حادث انقلاب سيارة لعائلة مكونة من ستة أشخاص إلى وفاة أم", [None]),
        ("أدى انهيار مبنى يسكنه 12 شخصا إلى إصابة حارسه", [None]),
        ("أدى حريق في منزل يضم 7 أشخاص إلى وفاة جدتهم", [None]),
        ("تسبب انفجار في مصنع يعمل فيه 50 عاملا إلى مقتل مدير المصنع", [None]),
        ("أدى الحادث الذي تعرض له 4 أشخاص إلى وفاتهم", ["killed"]),
        ("تعرض 5 أشخاص إلى إصابات بالغة في الحادث", ["wounded"]),
        ("دفعت المعارك 3000 شخص إلى النزوح", ["displaced"]),
        # A detached «و» («و أصيب») opens a clause as «وأصيب» does; «مقتل و إصابة» is still a mixed pair.
        ("استشهد مدنيان و أصيب نحو 24 شخصا بقصف الطيران", ["killed", "wounded"]),
        ("قتل 3 أشخاص و أصيب 7 بجروح", ["killed", "wounded"]),
        ("أسفر القصف عن مقتل و إصابة حوالي 21 شخصاً", [None]),
        # «لجوء» (seeking refuge) is displacement beside a place or a war, not «اللجوء إلى القضاء».
        ("كشفت الأمم المتحدة عن لجوء (1860) شخصاً إلى تشاد جراء الأحداث في مدينة الجنينة", ["displaced"]),
        ("سجلت المفوضية لجوء 5000 سوري إلى لبنان هربا من الحرب", ["displaced"]),
        ("قرر 30 موظفا اللجوء إلى القضاء", [None]),
        # An aside of time between commas does not cut the verb from its figure; a verb after the figure still wins.
        ("اعتقل جيش الاحتلال الإسرائيلي، خلال ساعات ليل الثلاثاء، 19 فلسطينياً، في الضفة الغربية", ["arrests"]),
        ("اعتقلت الشرطة، خلال حملة أمنية، 12 متهما", ["arrests"]),
        ("قتل جندي، صباح اليوم، 3 مدنيين أصيبوا بجروح", [None]),
        ("اعتقلت القوات شابا، فجر اليوم، 3 آخرون فروا", [None]),
    ],
)
def test_each_figure_gets_its_own_clause(text: str, want: list[str | None], cfg) -> None:  # type: ignore[no-untyped-def]
    assert [c for _, c in _cats(text, cfg)] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "بلغ عدد الوفيات 36، توزعت في حلب 31، والحسكة 3، ودير الزور 2.",
            [(36, "killed"), (31, "killed"), (3, "killed"), (2, "killed")],
        ),
        (
            "وأشارت الوزارة إلى أن عدد الوفيات بلغ 14 حالة هي 11 في حلب و2 في دير الزور و1 في الحسكة",
            [(14, "killed"), (11, "killed"), (2, "killed"), (1, "killed")],
        ),
        ("بلغ العدد الإجمالي التراكمي للوفيات بمرض الكوليرا 36، وفق الوزارة", [(36, "killed")]),
    ],
)
def test_lists_of_parts_take_the_toll_they_list(text: str, want: list, cfg) -> None:  # type: ignore[no-untyped-def]
    assert _cats(text, cfg) == want


def test_a_list_needs_a_marker(cfg) -> None:  # type: ignore[no-untyped-def]
    assert _cats("قتل 5 أشخاص في حلب، ودير الزور 72", cfg) == [(5, "killed")]


def test_disease_words_in_the_paragraph_block_wounded_not_deaths(cfg) -> None:  # type: ignore[no-untyped-def]
    text = "تفشت الكوليرا في المحافظة. وأصيب 12 شخصاً في المدينة، وتوفي 3 أشخاص.\nوفي قصف على القرية أصيب 5 أشخاص."
    assert _cats(text, cfg) == [(12, None), (3, "killed"), (5, "wounded")]


def test_non_human_figures_keep_config_categories(cfg) -> None:  # type: ignore[no-untyped-def]
    got = _cats("قتل 5 أشخاص في 3 غارات، ودمرت القوات 4 معسكرات", cfg)
    assert got == [(5, "killed"), (3, "airstrikes"), (4, "camps_destroyed")]


def test_context_words_outside_the_clause_do_not_count(cfg) -> None:  # type: ignore[no-untyped-def]
    # «تدمير» is in another sentence: the camps are not «destroyed» by it.
    assert _cats("جرى تدمير الجسر. يضم الموقع 4 معسكرات", cfg) == [(4, None)]


@pytest.mark.parametrize(
    "text",
    [
        "بلغت الغرامة 300 درهم في المغرب",
        "تبرع بمبلغ 500 ريال عماني",
        "بلغت الإيرادات 20 مليار دينار جزائري",
        "ارتفع سعر الصرف إلى 600 جنيه سوداني",
        "بلغت قيمة الصفقة 7 مليارات يوان",
    ],
)
def test_every_currency_amount_is_money(text: str, cfg) -> None:  # type: ignore[no-untyped-def]
    assert [f.category for f in extract(text, cfg).figures] == ["money"]
