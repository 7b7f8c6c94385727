"""Compose the TRAIN and DEV splits of the complaints corpus from the hand-written fragments.

    python -m corpora.complaints.generate            # writes train.jsonl and dev.jsonl next to this file

The split is made on the *cores* (the complaint bodies), not on the composed texts: a core that feeds
DEV never appears in TRAIN, so DEV measures generalisation to unseen wording rather than to a new
greeting around a known sentence. Variation comes from openers/closers with fictional personal data,
code-switching openers, a second core (secondary category), and noise the way people really type:
no punctuation, lower case, Russian letters for Kazakh ones, Latin-script Kazakh, typos.

The TEST split (``test.jsonl``) is hand-written as whole texts and is NOT produced here.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from corpora.complaints.clauses import CLAUSES
from corpora.complaints.dev2 import DEV2
from corpora.complaints.dev3 import DEV3
from corpora.complaints.dev4 import DEV4
from corpora.complaints.dev5 import DEV5
from corpora.complaints.fragments import (
    CHILDREN,
    CLOSERS,
    CORES,
    DISTRICTS,
    NEAR_MISS_CORES,
    OPENERS,
    PARENTS,
    URGENT_CORES,
)
from corpora.complaints.train6 import TRAIN6
from corpora.complaints.train7 import TRAIN7
from corpora.complaints.whole_texts import WHOLE_TEXTS
from corpora.complaints.whole_texts_2 import WHOLE_TEXTS_2
from corpora.complaints.whole_texts_3 import WHOLE_TEXTS_3
from corpora.complaints.whole_texts_4 import WHOLE_TEXTS_4

HERE = Path(__file__).parent
VARIANTS_PER_CORE = 4
CLAUSE_TEXTS_PER_CATEGORY = 70
# Pairs that co-occur in real complaints (alimony with custody, treatment with benefits...).
SECONDARY_PAIRS = [
    ("alimony", "family_custody"), ("family_custody", "alimony"), ("social_support", "health"),
    ("health", "social_support"), ("preschool", "social_support"), ("education_access", "health"),
    ("school_route", "education_access"), ("school_climate", "education_access"),
    ("extracurricular_darabala", "preschool"), ("violence_abuse", "family_custody"),
    ("other", "school_climate"), ("family_custody", "social_support"),
]

_KK_TO_RU_LETTERS = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
# 2021 Latin alphabet, with a few informal spellings people use.
_KK_LATIN = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o",
    "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}


def _iin(rng: random.Random) -> str:
    from pipelines.privacy import iin_check_digit

    while True:
        prefix = (f"{rng.randint(5, 20) % 100:02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                  f"{rng.choice('3456')}{rng.randint(0, 9999):04d}")
        check = iin_check_digit(prefix)
        if check is not None:
            return prefix + str(check)


def _phone(rng: random.Random) -> str:
    code = rng.choice(["701", "702", "705", "707", "747", "771", "775", "777", "778"])
    a, b, c = rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)
    return rng.choice([f"+7 {code} {a} {b} {c}", f"8{code}{a}{b}{c}", f"8 ({code}) {a}-{b}-{c}",
                       f"+7{code}{a}{b}{c}", f"8-{code}-{a}-{b}-{c}"])


def _fill(template: str, rng: random.Random) -> str:
    district_ru, district_kk = rng.choice(DISTRICTS)
    return template.format(
        parent=rng.choice(PARENTS), child=rng.choice(CHILDREN), age=rng.randint(6, 16),
        school=rng.randint(1, 75), iin=_iin(rng), phone=_phone(rng), district_ru=district_ru,
        district_kk=district_kk, n_children=rng.choice(["двоих", "троих", "пятерых", "четырех"]),
    )


def to_latin(text: str) -> str:
    return "".join(_KK_LATIN.get(ch, _KK_LATIN.get(ch.lower(), ch).upper() if ch.isupper() else ch)
                   for ch in text)


def _typos(text: str, rng: random.Random, n: int) -> str:
    chars = list(text)
    for _ in range(n):
        if len(chars) < 10:
            break
        i = rng.randrange(1, len(chars) - 1)
        if not chars[i].isalpha():
            continue
        op = rng.choice(["drop", "swap", "double"])
        if op == "drop":
            del chars[i]
        elif op == "swap":
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars.insert(i, chars[i])
    return "".join(chars)


def add_noise(text: str, language: str, rng: random.Random) -> str:
    if language in ("kk", "mixed") and rng.random() < 0.25:
        text = text.translate(_KK_TO_RU_LETTERS)
    if language == "kk" and rng.random() < 0.06:
        text = to_latin(text.lower())
    if rng.random() < 0.3:
        text = re.sub(r"[.,!?;:«»\"]", "", text)
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.3:
        text = _typos(text, rng, rng.randint(1, 3))
    if rng.random() < 0.05:
        text = text + rng.choice([" пжлст", " помогите!!!", " көмектесіңдерші", " ((", " срочно ответьте"])
    return re.sub(r"\s+", " ", text).strip()


def compose(core: str, language: str, rng: random.Random, *, extra: str | None = None) -> tuple[str, str]:
    """Wrap a core in an opener and closer; returns (text, language of the whole text)."""
    frame_language = language
    if language != "mixed" and rng.random() < 0.12:
        frame_language = "ru" if language == "kk" else "kk"
    opener = _fill(rng.choice(OPENERS[frame_language]), rng)
    closer = _fill(rng.choice(CLOSERS[frame_language]), rng)
    parts = [opener, core] + ([extra] if extra else []) + [closer]
    text = " ".join(p for p in parts if p)
    whole_language = language if frame_language == language or not (opener or closer) else "mixed"
    return add_noise(text, whole_language, rng), whole_language


def _split_of(index: int) -> str:
    return "dev" if index % 4 == 1 else "train"


def build(seed: int = 13) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    splits: dict[str, list[dict]] = {"train": [], "dev": []}
    cores_by_split: dict[str, dict[str, list[tuple[str, str]]]] = {"train": {}, "dev": {}}

    def add(split: str, text: str, language: str, category: str, *, secondary: list[str] | None = None,
            urgent_reason: str | None = None, kind: str) -> None:
        splits[split].append({
            "id": f"{split}-{len(splits[split]) + 1:04d}", "text": text, "category": category,
            "secondary": secondary or [], "urgent": urgent_reason is not None, "urgent_reason": urgent_reason,
            "language": language, "kind": kind, "origin": "generated from hand-written fragments",
        })

    for category, cores in CORES.items():
        for index, (language, core) in enumerate(cores):
            split = _split_of(index)
            cores_by_split[split].setdefault(category, []).append((language, core))
            for _ in range(VARIANTS_PER_CORE):
                text, whole = compose(core, language, rng)
                add(split, text, whole, category, kind="plain")

    for split in ("train", "dev"):
        pairs = SECONDARY_PAIRS * (2 if split == "train" else 1)
        for primary, secondary in pairs:
            language, core = rng.choice(cores_by_split[split][primary])
            same_language = [c for c in cores_by_split[split][secondary] if c[0] == language]
            other_language, other = rng.choice(same_language or cores_by_split[split][secondary])
            text, whole = compose(core, language, rng, extra=other)
            add(split, text, whole if other_language == language else "mixed", primary,
                secondary=[secondary], kind="secondary")

    for index, (category, reason, language, core) in enumerate(URGENT_CORES):
        split = _split_of(index)
        for variant in range(3):
            context = None
            if variant == 2:
                context = rng.choice([c for lang, c in cores_by_split[split][category] if lang == language]
                                     or [c for _, c in cores_by_split[split][category]])
            text, whole = compose(core, language, rng, extra=context)
            add(split, text, whole, category, urgent_reason=reason, kind="urgent")

    for category, by_language in CLAUSES.items():
        for _ in range(CLAUSE_TEXTS_PER_CATEGORY):
            language = rng.choice(["kk", "ru", "mixed"])
            count = rng.choice([2, 2, 3])
            if language == "mixed":
                picked = [rng.choice(by_language["kk"]), rng.choice(by_language["ru"])][: count]
                if count == 3:
                    picked.append(rng.choice(by_language[rng.choice(["kk", "ru"])]))
                rng.shuffle(picked)
            else:
                picked = rng.sample(by_language[language], count)
            joiner = rng.choice([", ", ". ", " ", "; "])
            core = joiner.join(picked)
            core = core[0].upper() + core[1:] + "."
            text, whole = compose(core, language, rng)
            add("train", text, whole, category, kind="clauses")

    for index, (category, language, core) in enumerate(NEAR_MISS_CORES):
        split = _split_of(index)
        for _ in range(3):
            text, whole = compose(core, language, rng)
            add(split, text, whole, category, kind="near_miss")

    # Whole hand-written texts go in as written, without opener or closer; TRAIN also gets one noised
    # copy. Appended last so the records above keep their ids and texts. ``kind`` names the batch so DEV
    # figures can be read on whole hand-written texts alone; which index goes to DEV is fixed per batch.
    whole_batches = [
        (WHOLE_TEXTS, "whole", lambda index: index % 3 == 1),
        (WHOLE_TEXTS_2, "whole2", lambda index: index % 2 == 0),
        (WHOLE_TEXTS_3, "whole3", lambda index: index % 3 == 0),
        (WHOLE_TEXTS_4, "whole4", lambda index: index % 3 == 0),
        (DEV2, "dev2", lambda index: index % 2 == 0),
        (DEV3, "dev3", lambda index: index % 2 == 0),
        (TRAIN6, "round6", lambda index: index % 3 == 0),
        (DEV4, "dev4", lambda index: index % 2 == 0),
        (DEV5, "dev5", lambda index: index % 2 == 0),
        (TRAIN7, "round9", lambda index: index % 3 == 0),
    ]
    for batch, kind, goes_to_dev in whole_batches:
        for index, (category, secondary, reason, language, text) in enumerate(batch):
            split = "dev" if goes_to_dev(index) else "train"
            add(split, text, language, category, secondary=list(secondary), urgent_reason=reason, kind=kind)
            if split == "train":
                add(split, add_noise(text, language, rng), language, category, secondary=list(secondary),
                    urgent_reason=reason, kind=kind)
    return splits


def write(splits: dict[str, list[dict]], directory: Path = HERE) -> None:
    for split, records in splits.items():
        with (directory / f"{split}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write(build())
