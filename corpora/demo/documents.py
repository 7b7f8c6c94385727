"""Build protocols and work plans (as ``corpora.render`` blocks) from our own topic texts.

Each builder returns the blocks and the ground truth (language, doc type, district id, date, number,
year) so tests and benchmarks can check extraction against what was written.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from corpora.demo.topics import PEOPLE_KK, PEOPLE_RU, PLAN_ROWS, ROLES_KK, ROLES_RU, TOPICS
from corpora.gazetteer import GAZETTEER_PATH
from corpora.render import PAGE_BREAK, Block, TableSpec

RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                 "октября", "ноября", "декабря"]
KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан"]
_TOWNS = {"Алга", "Хромтау", "Шалкар", "Кандыагаш", "Темир", "Эмба"}
_PERIODS = [("первый квартал", "бірінші тоқсанда"), ("первое полугодие", "бірінші жарты жылдықта"),
            ("девять месяцев", "тоғыз айда"), ("прошедший год", "өткен жылы")]


@dataclass
class DocumentTruth:
    doc_type: str
    language: str
    district_id: str
    district: str
    date: dt.date | None = None
    number: str | None = None
    year: int | None = None
    paragraphs: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"doc_type": self.doc_type, "language": self.language, "district_id": self.district_id,
                "district": self.district, "date": self.date.isoformat() if self.date else None,
                "number": self.number, "year": self.year}


def _district(district_id: str) -> dict:
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    return next(d for d in data["districts"] if d["id"] == district_id)


def district_forms(district_id: str) -> dict[str, str]:
    """Names of a district as a protocol uses them: genitive in Russian, place of the meeting."""
    d = _district(district_id)
    if d["kind"] == "city":
        return {"ru": d["ru"], "ru_gen": "города Актобе", "kk": d["kk"], "ru_place": "г. Актобе",
                "kk_place": "Ақтөбе қаласы", "kk_org": "Ақтөбе қаласы"}
    village = d["villages"][0]
    town = village["ru"] in _TOWNS
    return {
        "ru": d["ru"], "ru_gen": d["ru"].replace("ий район", "ого района"), "kk": d["kk"],
        "ru_place": f"{'г.' if town else 'с.'} {village['ru']}",
        "kk_place": f"{village['kk']} {'қаласы' if town else 'ауылы'}", "kk_org": d["kk"],
    }


def date_ru(value: dt.date, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return value.strftime("%d.%m.%Y")
    return f"«{value.day:02d}» {RU_MONTHS_GEN[value.month - 1]} {value.year} года"


def date_kk(value: dt.date, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return value.strftime("%d.%m.%Y") + " ж."
    return f"{value.year} жылғы {value.day} {KK_MONTHS[value.month - 1]}"


def _fill(template: str, rng: random.Random, period: tuple[str, str]) -> str:
    return template.format(a=rng.randint(12, 480), b=rng.randint(2, 60), c=rng.randint(2, 18),
                           period=period[0], period_kk=period[1].capitalize())


def protocol_blocks(*, language: str, district_id: str, date: dt.date, number: int, seed: int = 0,
                    n_topics: int = 3, repeat: int = 1) -> tuple[list[Block], DocumentTruth]:
    """A meeting protocol (brief.md §2.1 skeleton) in ``language`` ("kk" or "ru").

    ``repeat`` > 1 makes a long document (the agenda discussed again, with page breaks) for benchmarks.
    """
    rng = random.Random(seed)
    forms = district_forms(district_id)
    kk = language == "kk"
    people = PEOPLE_KK if kk else PEOPLE_RU
    roles = ROLES_KK if kk else ROLES_RU
    chair, secretary, *speakers = rng.sample(range(len(people)), 5)
    topics = rng.sample(TOPICS, n_topics)
    period = rng.choice(_PERIODS)
    present = rng.randint(6, 9)
    blocks: list[Block] = []
    if kk:
        blocks += [
            f"ХАТТАМА № {number}",
            f"{forms['kk_org']} әкімдігі жанындағы кәмелетке толмағандардың істері және олардың құқықтарын "
            "қорғау жөніндегі комиссия отырысының хаттамасы",
            f"{forms['kk_place']}, {date_kk(date, rng)}",
            f"Төраға: {people[chair]}, {roles[0]}.",
            f"Хатшы: {people[secretary]}, {roles[3]}.",
            f"Қатысқандар: комиссия мүшелері ({present} адам), тізім қоса беріледі.",
            "Шақырылғандар: мектеп директорлары, учаскелік полиция инспекторлары.",
            "Кворум бар. Отырыс шешім қабылдауға құқылы.",
            "КҮН ТӘРТІБІ:",
        ]
    else:
        blocks += [
            f"ПРОТОКОЛ № {number}",
            f"заседания комиссии по делам несовершеннолетних и защите их прав при акимате {forms['ru_gen']}",
            f"{forms['ru_place']}, {date_ru(date, rng)}",
            f"Председательствовал: {people[chair]}, {roles[0]}.",
            f"Секретарь: {people[secretary]}, {roles[3]}.",
            f"Присутствовали: члены комиссии ({present} человек), список прилагается.",
            "Приглашенные: директора школ, участковые инспекторы полиции.",
            "Кворум имеется. Заседание правомочно принимать решения.",
            "ПОВЕСТКА ДНЯ:",
        ]
    key = "kk" if kk else "ru"
    blocks += [f"{i}. {_fill(t[f'{key}_title'], rng, period)}." for i, t in enumerate(topics, start=1)]
    for round_ in range(repeat):
        if round_:
            blocks.append(PAGE_BREAK)
        for i, topic in enumerate(topics, start=1):
            speaker = speakers[(i + round_) % len(speakers)]
            role = roles[1 + (i + round_) % (len(roles) - 1)]
            deadline = date + dt.timedelta(days=rng.randint(20, 120))
            if kk:
                blocks += [
                    f"{i}. ТЫҢДАЛДЫ: {people[speaker]}, {role}.",
                    _fill(topic["kk_heard"], rng, period),
                    f"СӨЙЛЕГЕНДЕР: {people[speakers[0]]} қосымша ақпарат берді.",
                    "ҚАУЛЫ ЕТТІ:",
                    f"{i}.1. Ақпарат назарға алынсын.",
                    f"{i}.2. {topic['kk_decision']} Мерзімі: {deadline.year} жылғы {deadline.day} "
                    f"{KK_MONTHS[deadline.month - 1]}ға дейін.",
                ]
            else:
                blocks += [
                    f"{i}. СЛУШАЛИ: {people[speaker]}, {role}.",
                    _fill(topic["ru_heard"], rng, period),
                    f"ВЫСТУПИЛИ: {people[speakers[0]]} дополнил(а) информацию.",
                    "ПОСТАНОВИЛИ:",
                    f"{i}.1. Информацию принять к сведению.",
                    f"{i}.2. {topic['ru_decision']} Срок: до {deadline.day} {RU_MONTHS_GEN[deadline.month - 1]} "
                    f"{deadline.year} года.",
                ]
    if kk:
        blocks += [f"ДАУЫС БЕРУ ҚОРЫТЫНДЫСЫ: жақтап – {present}, қарсы – жоқ, қалыс – жоқ.",
                   f"Төраға ____________ {people[chair]}", f"Хатшы ____________ {people[secretary]}"]
    else:
        blocks += [f"ИТОГИ ГОЛОСОВАНИЯ: за – {present}, против – нет, воздержались – нет.",
                   f"Председатель ____________ {people[chair]}", f"Секретарь ____________ {people[secretary]}"]
    truth = DocumentTruth(doc_type="protocol", language=language, district_id=district_id,
                          district=forms["kk"] if kk else forms["ru"], date=date, number=str(number),
                          year=date.year, paragraphs=[b for b in blocks if isinstance(b, str) and b != PAGE_BREAK])
    return blocks, truth


def plan_blocks(*, language: str, district_id: str, year: int, seed: int = 0,
                n_rows: int = 10) -> tuple[list[Block], DocumentTruth]:
    """An annual work plan (brief.md §2.2): approval block, title, a table grouped by quarter."""
    rng = random.Random(seed)
    forms = district_forms(district_id)
    kk = language == "kk"
    people = PEOPLE_KK if kk else PEOPLE_RU
    chair = rng.choice(people)
    approved = dt.date(year - 1, 12, rng.randint(20, 28)) if rng.random() < 0.5 else dt.date(year, 1, rng.randint(9, 20))
    if kk:
        blocks: list[Block] = [
            "БЕКІТЕМІН",
            f"{forms['kk_org']} әкімдігі жанындағы кәмелетке толмағандардың істері және олардың құқықтарын "
            "қорғау жөніндегі комиссияның төрағасы",
            f"____________ {chair}",
            f"{approved.year} жылғы «{approved.day}» {KK_MONTHS[approved.month - 1]}",
            f"{forms['kk_org']} әкімдігі жанындағы кәмелетке толмағандардың істері және олардың құқықтарын "
            f"қорғау жөніндегі комиссияның {year} жылға арналған жұмыс жоспары",
        ]
        header = ["№", "Қаралатын мәселе", "Баяндамашы, жауаптылар", "Мерзімі", "Орындалуы туралы белгі"]
        quarters = ["I тоқсан", "II тоқсан", "III тоқсан", "IV тоқсан"]
        months = KK_MONTHS
    else:
        blocks = [
            "УТВЕРЖДАЮ",
            f"Председатель комиссии по делам несовершеннолетних и защите их прав при акимате {forms['ru_gen']}",
            f"____________ {chair}",
            f"«{approved.day}» {RU_MONTHS_GEN[approved.month - 1]} {approved.year} г.",
            "ПЛАН РАБОТЫ",
            f"комиссии по делам несовершеннолетних и защите их прав при акимате {forms['ru_gen']} на {year} год",
        ]
        header = ["№", "Рассматриваемый вопрос", "Докладчик, ответственные", "Срок", "Отметка об исполнении"]
        quarters = ["I квартал", "II квартал", "III квартал", "IV квартал"]
        months = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                  "ноябрь", "декабрь"]
    rows = [header]
    merges: list[tuple[int, int, int, int]] = []
    chosen = [PLAN_ROWS[0]] + rng.sample(PLAN_ROWS[1:], min(n_rows, len(PLAN_ROWS)) - 1)
    per_quarter = max(1, len(chosen) // 4)
    number = 0
    for q, quarter in enumerate(quarters):
        part = chosen[q * per_quarter:(q + 1) * per_quarter] if q < 3 else chosen[3 * per_quarter:]
        if not part:
            continue
        merges.append((len(rows), 0, len(rows), 4))
        rows.append([quarter, "", "", "", ""])
        for item in part:
            number += 1
            month = months[q * 3 + rng.randint(0, 2)]
            rows.append([str(number), item["kk" if kk else "ru"], item["kk_resp" if kk else "ru_resp"], month, ""])
    table = TableSpec(rows=rows, merges=merges, col_widths=[0.7, 4.0, 3.0, 1.7, 1.9])
    blocks.append(table)
    blocks.append(f"Хатшы ____________ {rng.choice(people)}" if kk else
                  f"Секретарь комиссии ____________ {rng.choice(people)}")
    truth = DocumentTruth(doc_type="plan", language=language, district_id=district_id,
                          district=forms["kk"] if kk else forms["ru"], date=approved, year=year,
                          paragraphs=[b for b in blocks if isinstance(b, str)], tables=[table.expanded()])
    return blocks, truth
