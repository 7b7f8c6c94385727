"""Generate labelled commission protocols (kk, ru, mixed) from the hand-written phrase banks.

Each record: ``{"id", "split", "source", "language", "grade", "is_protocol", "elements": {key: bool},
"decisions": [{"text", "concrete", "has_executor", "has_real_deadline"}], "text"}``. Element truths are
computed from what was actually rendered, following the element definitions in README.md. The grade
(1-5) is the quality tier the protocol was drawn from: it sets how likely each element is dropped, so two
protocols of one grade can differ in score; it is not derived from the scorer's weights.

    python -m corpora.protocols.generate            # rewrites corpora/protocols/{train,heldout}.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

from corpora.protocols import phrases as P
from corpora.protocols.noise import ocr_noise

HERE = Path(__file__).parent
STAR = {"header_number", "header_date", "chair_named", "secretary_named", "agenda", "decisions_per_item",
        "decisions_concrete", "responsible_assigned", "deadlines_assigned"}
ELEMENT_KEYS = ["header_number", "header_date", "header_place", "chair_named", "secretary_named",
                "attendance_list", "quorum", "agenda", "heard_per_item", "decisions_per_item",
                "decisions_concrete", "responsible_assigned", "deadlines_assigned", "previous_decisions_control",
                "individual_cases", "suicide_prevention", "risk_analysis", "interagency", "voting", "signatures"]
# Probability that a starred / plain element is rendered, per grade.
KEEP = {5: (0.98, 0.93), 4: (0.88, 0.7), 3: (0.68, 0.5), 2: (0.45, 0.3), 1: (0.2, 0.12)}
HEADINGS = {
    "heard": {"ru": ["СЛУШАЛИ:", "Слушали:", "СЛУШАЛИ"], "kk": ["ТЫҢДАЛДЫ:", "Тыңдалды:", "ТЫҢДАЛДЫ"]},
    "spoke": {"ru": ["ВЫСТУПИЛИ:", "Выступили:"], "kk": ["Сөз сөйлегендер:", "СӨЙЛЕГЕНДЕР:"]},
    "decided": {"ru": ["ПОСТАНОВИЛИ:", "РЕШИЛИ:", "Постановили:", "Комиссия постановляет:"],
                "kk": ["ҚАУЛЫ ЕТТІ:", "ШЕШТІК:", "Шешім:", "Қаулы етілді:", "ҚАУЛЫ ЕТЕДІ:"]},
}


def _date_text(rng: random.Random, lang: str, d: dt.date) -> str:
    if rng.random() < 0.5:
        return f"{d:%d.%m.%Y}" + (" г." if lang == "ru" else " ж.")
    if lang == "ru":
        return f"«{d.day}» {P.MONTHS_GEN['ru'][d.month - 1]} {d.year} года"
    return f"{d.year} жылғы {d.day} {P.MONTHS_GEN['kk'][d.month - 1]}"


def _deadline(rng: random.Random, lang: str, meeting: dt.date, real: bool) -> str:
    if not real:
        return rng.choice(P.VAGUE_DEADLINES[lang])
    d = meeting + dt.timedelta(days=rng.randint(14, 120))
    if lang == "ru":
        return rng.choice([f"до {d:%d.%m.%Y} г.", f"в срок до {d:%d.%m.%Y}",
                           f"до {d.day} {P.MONTHS_GEN['ru'][d.month - 1]} {d.year} года", f"{d:%d.%m.%Y}"])
    return rng.choice([f"{d:%d.%m.%Y} ж. дейін", f"{d.year} жылғы {d.day} {P.MONTHS_GEN['kk'][d.month - 1]}ға дейін",
                       f"{d:%d.%m.%Y} дейін"])


def _decision(rng, lang, pool, meeting, *, concrete, executor, real_deadline, action=None):
    """Render one decision; returns (text, label dict)."""
    if not concrete:
        text = rng.choice(P.VAGUE[(lang, pool)])
        if executor and rng.random() < 0.5:  # vague but addressed: still not concrete
            ex = rng.choice(P.EXECUTORS[lang])
            text = (text[:-1] + f" (ответственный: {ex[0]})." if lang == "ru" else text[:-1] + f" (жауапты: {ex[0]}).")
            return text, {"concrete": False, "has_executor": True, "has_real_deadline": False, "agency": True}
        return text, {"concrete": False, "has_executor": False, "has_real_deadline": False, "agency": False}
    action = action or rng.choice(P.ACTIONS[(lang, pool)])
    ex = rng.choice(P.EXECUTORS[lang]) if executor else rng.choice(P.EVERYONE[lang])
    named = executor
    dl = _deadline(rng, lang, meeting, real_deadline)
    nodl = rng.random() < 0.35 and not real_deadline  # no deadline phrase at all
    style = rng.randrange(4)
    if lang == "ru":
        if not named and rng.random() < 0.5:
            body = action[0].upper() + action[1:]
            ex_part = ""
        elif style == 0:
            body, ex_part = f"{ex[1][0].upper()}{ex[1][1:]} {action}", ""
        elif style == 1:
            body, ex_part = f"Обязать {ex[2]} {action}", ""
        elif style == 2:
            body, ex_part = f"Поручить {ex[1]} {action}", ""
        else:
            body, ex_part = action[0].upper() + action[1:], f"Ответственный: {ex[0]}."
        if nodl:
            tail = ""
        elif dl.startswith(("до ", "в срок")) and rng.random() < 0.5:
            tail = f" {dl}"
        else:
            tail = f". Срок: {dl}" if dl else ". Срок:"
            tail = tail if rng.random() < 0.5 or dl.startswith("в срок") else tail.replace("Срок:", "Срок исполнения –")
        text = f"{body}{tail}".rstrip(".") + ("." if not tail.endswith(":") else "")
        text = text.replace("г..", "г.")
        if not text.endswith((".", ":", "–")):
            text += "."
        if ex_part:
            text += " " + ex_part
    else:
        if not named and rng.random() < 0.5:
            body, ex_part = action[0].upper() + action[1:] + " тапсырылсын", ""
        elif style in (0, 1, 2):
            body, ex_part = f"{ex[1][0].upper()}{ex[1][1:]} {action} тапсырылсын", ""
        else:
            body, ex_part = action[0].upper() + action[1:] + " міндеттелсін", f"Жауапты: {ex[0]}."
        if nodl:
            tail = "."
        else:
            tail = f". Мерзімі: {dl}." if dl else ". Мерзімі:"
        text = body + tail + ((" " + ex_part) if ex_part else "")
    return text, {"concrete": True, "has_executor": named, "has_real_deadline": real_deadline and not nodl,
                  "agency": named}


def make_protocol(rng: random.Random, *, lang: str, grade: int, pool: str, mixed: bool = False,
                  noisy: bool = False) -> dict:
    star_p, plain_p = KEEP[grade]
    keep = {k: rng.random() < (star_p if k in STAR else plain_p) for k in ELEMENT_KEYS}
    alt = "ru" if lang == "kk" else "kk"  # language of the heard blocks in a mixed protocol
    names = P.NAMES[pool]
    meeting = dt.date(2025, 1, 10) + dt.timedelta(days=rng.randint(0, 330))
    district = rng.randrange(len(P.DISTRICTS[lang]))
    lines: list[str] = []
    truth = dict.fromkeys(ELEMENT_KEYS, False)
    decisions_out: list[dict] = []

    # --- header
    number = f"{rng.randint(1, 14)}" + (rng.choice(["", "", "/1", "-к"]))
    if lang == "ru":
        title = f"ПРОТОКОЛ № {number}" if keep["header_number"] else rng.choice(["ПРОТОКОЛ", "ПРОТОКОЛ № ____"])
        lines += [title, f"заседания комиссии по делам несовершеннолетних и защите их прав при акимате "
                         f"{P.DISTRICTS['ru'][district]}"]
    else:
        title = (rng.choice([f"№ {number} ХАТТАМА", f"ХАТТАМА № {number}"]) if keep["header_number"]
                 else rng.choice(["ХАТТАМА", "ХАТТАМА № ___"]))
        lines += [f"{P.DISTRICTS['kk'][district]} әкімдігі жанындағы кәмелетке толмағандардың істері және олардың "
                  f"құқықтарын қорғау жөніндегі комиссия отырысының", title]
    truth["header_number"] = keep["header_number"]
    date_line = []
    if keep["header_date"]:
        dtext = _date_text(rng, lang, meeting)
        date_line.append(("от " + dtext) if lang == "ru" and rng.random() < 0.6 else dtext)
        truth["header_date"] = True
    elif rng.random() < 0.4:
        date_line.append("от «___» ________ 2025 г." if lang == "ru" else "2025 жылғы «___» ________")
    if keep["header_place"]:
        date_line.append(rng.choice(P.PLACES[lang]))
        truth["header_place"] = True
    if date_line:
        lines.append("    ".join(date_line) if rng.random() < 0.5 else "\n".join(date_line))
    chair, secretary = rng.sample(names, 2)
    if keep["chair_named"]:
        pos = rng.choice(P.CHAIR_POSITION[lang])
        lead = rng.choice(["Председатель:", "Председательствовал:"] if lang == "ru" else ["Төраға:", "Төрағалық етуші:"])
        lines.append(f"{lead} {pos} {chair}" if rng.random() < 0.6 else f"{lead} {chair} – {pos}")
        truth["chair_named"] = True
    elif rng.random() < 0.4:
        lines.append("Председатель:" if lang == "ru" else "Төраға:")
    if keep["secretary_named"]:
        lines.append((rng.choice(["Секретарь:", "Секретарь комиссии:"]) if lang == "ru"
                      else rng.choice(["Хатшы:", "Комиссия хатшысы:"])) + f" {secretary}")
        truth["secretary_named"] = True
    elif rng.random() < 0.4:
        lines.append("Секретарь: ____________" if lang == "ru" else "Хатшы: ____________")
    members = [n for n in names if n not in (chair, secretary)]
    rng.shuffle(members)
    if keep["attendance_list"]:
        lines.append(rng.choice(["Присутствовали:", "Присутствовали члены комиссии:", "ПРИСУТСТВОВАЛИ:"]) if lang == "ru"
                     else rng.choice(["Қатысқандар:", "Қатысқан комиссия мүшелері:", "ҚАТЫСҚАНДАР:"]))
        k = rng.randint(4, 7)
        if rng.random() < 0.5:
            lines += [f"{i + 1}. {m}" for i, m in enumerate(members[:k])]
        else:
            lines.append(", ".join(members[:k]) + ".")
        truth["attendance_list"] = True
        if rng.random() < 0.3:
            lines.append(("Отсутствовали: " if lang == "ru" else "Қатыспағандар: ") + members[k])
    elif rng.random() < 0.6:  # tricky: heading with no names
        lines.append(rng.choice(["Присутствовали:", "Присутствовали: члены комиссии (список прилагается).",
                                 "Присутствовали: 7 членов комиссии."]) if lang == "ru"
                     else rng.choice(["Қатысқандар:", "Қатысқандар: комиссия мүшелері (тізімі қоса беріледі).",
                                      "Қатысқандар: комиссияның 7 мүшесі."]))
    interagency = keep["interagency"]
    if interagency and rng.random() < 0.6:
        lines.append(("Приглашенные: инспектор ПДН " if lang == "ru" else "Шақырылғандар: ЮПИ инспекторы ")
                     + rng.choice(names))
    if keep["quorum"]:
        lines.append(rng.choice(["Кворум имеется. Заседание правомочно.", "Кворум имеется."]) if lang == "ru"
                     else rng.choice(["Кворум бар. Отырыс шешім қабылдауға құқылы.", "Кворум бар."]))
        truth["quorum"] = True

    # --- agenda items: choose topics
    topics = list(P.TOPICS[(lang, pool)])
    want = {"risk": keep["risk_analysis"], "suicide": keep["suicide_prevention"],
            "control": keep["previous_decisions_control"], "case": keep["individual_cases"]}
    chosen = [t for t in topics if t[1] in want and want[t[1]]]
    rng.shuffle(chosen)
    seen_kinds: set[str] = set()
    chosen = [t for t in chosen if not (t[1] in seen_kinds or seen_kinds.add(t[1]))]
    plain = [t for t in topics if t[1] == "plain"]
    n_items = max(1, min(4, len(chosen) + rng.randint(0 if chosen else 1, 1)))
    while len(chosen) < n_items:
        chosen.append(rng.choice(plain))
    rng.shuffle(chosen)
    if keep["agenda"]:
        lines.append(rng.choice(["Повестка дня:", "ПОВЕСТКА ДНЯ:"]) if lang == "ru"
                     else rng.choice(["Күн тәртібі:", "КҮН ТӘРТІБІ:"]))
        numstyle = rng.choice(["{}.", "{})", "{}"])
        lines += [f"{numstyle.format(i + 1)} {t[0]}." for i, t in enumerate(chosen)]
        truth["agenda"] = True
    elif rng.random() < 0.3:
        lines.append(("Повестка дня: " if lang == "ru" else "Күн тәртібі: ") + "; ".join(t[0] for t in chosen) + ".")

    heard_all = True
    decided_all = True
    concrete_all = True
    exec_all = True
    deadline_all = True
    heard_drop = not keep["heard_per_item"]
    dec_drop = not keep["decisions_per_item"]
    drop_heard_idx = rng.randrange(len(chosen)) if heard_drop else -1
    drop_dec_idx = rng.randrange(len(chosen)) if dec_drop else -1
    has_interagency_mention = False
    any_decision = False
    any_concrete = False
    case_decision = False
    for i, (topic, kind) in enumerate(chosen):
        hl = lang if not mixed else alt
        prefix = rng.choice(["{n}. ", "{n}. По {w} вопросу ", "{n}) ", ""]) if lang == "ru" else \
            rng.choice(["{n}. ", "{n}-мәселе бойынша ", "{n}) ", ""])
        ordw = ["первому", "второму", "третьему", "четвертому"][i]
        if not keep["agenda"]:
            lines.append(f"{i + 1}. {topic}.")
        if i != drop_heard_idx:
            speaker_pos = rng.choice(P.SPEAKERS[hl][:-1] if interagency else P.SPEAKERS[hl][-1:])
            has_interagency_mention |= interagency
            speaker = rng.choice(names)
            if kind == "risk":
                body = rng.choice(P.HEARD_RISK[hl]).format(a=rng.randint(5, 40), b=rng.randint(5, 40))
            elif kind == "case":
                body = rng.choice(P.CASE_HEARD[hl]).format(child=rng.choice(P.CHILDREN), parent=rng.choice(P.PARENTS),
                                                         year=rng.randint(2008, 2013), grade=rng.randint(6, 10))
            else:
                body = rng.choice(P.HEARD_PLAIN[hl])
            if kind == "control":
                body += (f" Пункты 1, 2 протокола № {rng.randint(1, 9)} исполнены, предложено снять их с контроля."
                         if hl == "ru" else f" № {rng.randint(1, 9)} хаттаманың 1, 2-тармақтары орындалды, оларды "
                         f"бақылаудан алу ұсынылды.")
            if kind != "suicide" and rng.random() < 0.25:
                body += " " + rng.choice(P.SUICIDE_PASSING[hl])
            head = rng.choice(HEADINGS["heard"][lang])
            lines.append(prefix.format(n=i + 1, w=ordw) + f"{head} {speaker_pos} {speaker}, " + body
                         if rng.random() < 0.6 else prefix.format(n=i + 1, w=ordw) + head)
            if not lines[-1].endswith(body):
                lines.append(f"{speaker_pos} {speaker} {body}")
        else:
            heard_all = False
        if rng.random() < 0.3 and i != drop_heard_idx:
            lines.append(rng.choice(HEADINGS["spoke"][lang]) + " " + rng.choice(names) + (
                " – предложил(а) усилить контроль." if lang == "ru" else " – бақылауды күшейтуді ұсынды."))
        if i == drop_dec_idx:
            decided_all = False
            continue
        lines.append(rng.choice(HEADINGS["decided"][lang]))
        n_dec = rng.randint(1, 3)
        item_concrete = False
        texts: list[str] = []
        for j in range(n_dec):
            if j == 0 and n_dec > 1 and rng.random() < 0.6:
                concrete = False
            else:
                concrete = keep["decisions_concrete"] or rng.random() < 0.3
            executor = keep["responsible_assigned"] or rng.random() < 0.5
            real = keep["deadlines_assigned"] or rng.random() < 0.5
            if kind == "case" and concrete and j == n_dec - 1:
                t = rng.choice(P.CASE_DECISION[lang]).format(child=rng.choice(P.CHILDREN), parent=rng.choice(P.PARENTS))
                lab = {"concrete": True, "has_executor": True, "has_real_deadline": True, "agency": False}
                case_decision = True
                # A measure applied by the commission itself needs neither executor nor deadline.
            else:
                action = None
                if kind == "suicide" and concrete:
                    action = rng.choice(P.SUICIDE_ACTIONS[lang])
                t, lab = _decision(rng, lang, pool, meeting, concrete=concrete,
                                   executor=executor, real_deadline=real, action=action)
                decisions_out.append({"text": t, "language": lang, **{k: v for k, v in lab.items() if k != "agency"}})
            has_interagency_mention |= lab["agency"]
            texts.append(t)
            any_decision = True
            if lab["concrete"]:
                item_concrete = any_concrete = True
                exec_all &= lab["has_executor"]
                deadline_all &= lab["has_real_deadline"]
        concrete_all &= item_concrete
        numbered = rng.random() < 0.8 or len(texts) > 1
        lines += [f"{j + 1}. {t}" if numbered else t for j, t in enumerate(texts)]
        if keep["voting"]:
            lines.append(rng.choice(["Голосовали: за – {n}, против – 0, воздержались – 0.", "Решение принято единогласно.",
                                     "Итоги голосования: «за» – {n}, «против» – нет, «воздержались» – нет."]).format(
                n=rng.randint(5, 9)) if lang == "ru" else rng.choice(
                ["Дауыс беру қорытындысы: жақтап – {n}, қарсы – 0, қалыс қалғандар – 0.", "Шешім бірауыздан қабылданды."]
            ).format(n=rng.randint(5, 9)))
    truth["heard_per_item"] = heard_all
    truth["decisions_per_item"] = decided_all
    truth["decisions_concrete"] = any_decision and concrete_all and decided_all
    truth["responsible_assigned"] = any_concrete and exec_all
    truth["deadlines_assigned"] = any_concrete and deadline_all
    kinds_present = {k for _, k in chosen}
    truth["risk_analysis"] = "risk" in kinds_present and not (heard_drop and [k for _, k in chosen][drop_heard_idx] == "risk"
                                                                and [k for _, k in chosen].count("risk") == 1)
    truth["suicide_prevention"] = "suicide" in kinds_present or any("суицид" in d["text"] for d in decisions_out)
    truth["previous_decisions_control"] = "control" in kinds_present
    truth["individual_cases"] = case_decision or ("case" in kinds_present and not (
        heard_drop and [k for _, k in chosen][drop_heard_idx] == "case"))
    truth["interagency"] = has_interagency_mention or (interagency and any("Приглашенные" in x or "Шақырылғандар" in x
                                                                          for x in lines))
    truth["voting"] = keep["voting"] and any_decision
    if keep["signatures"]:
        if lang == "ru":
            lines += [f"Председатель комиссии ____________ {chair}", f"Секретарь комиссии ____________ {secretary}"]
        else:
            lines += [f"Комиссия төрағасы ____________ {chair}", f"Комиссия хатшысы ____________ {secretary}"]
        truth["signatures"] = truth["chair_named"] = truth["secretary_named"] = True
    elif rng.random() < 0.5:
        lines.append((f"Председатель ____________ {chair}") if lang == "ru" else f"Төраға ____________ {chair}")
        truth["chair_named"] = True
    text = "\n".join(lines)
    if noisy:
        text = ocr_noise(text, rng, rate=rng.uniform(0.01, 0.04))
    return {"language": "mixed" if mixed else lang, "grade": grade, "is_protocol": True, "elements": truth,
            "decisions": decisions_out, "text": text, "noisy": noisy}


def make_non_protocol(rng: random.Random, *, lang: str, kind: str, pool: str) -> dict:
    district = rng.choice(P.DISTRICTS[lang])
    if kind == "plan":
        acts = P.ACTIONS[(lang, pool)]
        if lang == "ru":
            head = ["УТВЕРЖДЕН", "протоколом заседания комиссии № 1 от 15.01.2025 г.",
                    f"ПЛАН работы комиссии по делам несовершеннолетних и защите их прав при акимате {district} на 2025 год",
                    "№ | Наименование мероприятия | Срок исполнения | Ответственные"]
            rows = [f"{i + 1} | {a[0].upper() + a[1:]} | {rng.choice(['I квартал', 'ежеквартально', 'до 25.12.2025', 'постоянно'])}"
                    f" | {rng.choice(P.EXECUTORS['ru'])[0]}" for i, a in enumerate(rng.sample(acts, 5))]
            rows.append("6 | Заслушать на заседании комиссии информацию о профилактике суицида | II квартал | отдел образования")
        else:
            head = ["БЕКІТІЛДІ", "комиссия отырысының 2025 жылғы 15 қаңтардағы № 1 хаттамасымен",
                    f"{district} әкімдігі жанындағы кәмелетке толмағандардың істері және олардың құқықтарын қорғау "
                    f"жөніндегі комиссияның 2025 жылға арналған ЖҰМЫС ЖОСПАРЫ",
                    "№ | Іс-шараның атауы | Орындалу мерзімі | Жауаптылар"]
            rows = [f"{i + 1} | {a[0].upper() + a[1:]} | {rng.choice(['I тоқсан', 'тоқсан сайын', '25.12.2025 дейін', 'тұрақты'])}"
                    f" | {rng.choice(P.EXECUTORS['kk'])[0]}" for i, a in enumerate(rng.sample(acts, 5))]
        text = "\n".join(head + rows)
    elif kind == "letter":
        if lang == "ru":
            text = (f"Исх. № 02-11/{rng.randint(100, 999)} от {rng.randint(10, 28)}.0{rng.randint(1, 9)}.2025 г.\n"
                    f"Руководителю управления по защите прав детей Актюбинской области\n"
                    f"Уважаемая {rng.choice(P.NAMES[pool])}!\n"
                    f"Комиссия по делам несовершеннолетних и защите их прав при акимате {district} направляет "
                    f"протокол заседания комиссии и информацию об исполнении поручений. Просим принять к сведению.\n"
                    f"Приложение: на 4 листах.\nЗаместитель акима района {rng.choice(P.NAMES[pool])}\n"
                    f"Исп. {rng.choice(P.NAMES[pool])}, тел. 8 (7133) 2-XX-XX")
        else:
            text = (f"Шығ. № 02-11/{rng.randint(100, 999)}, {rng.randint(10, 28)}.0{rng.randint(1, 9)}.2025 ж.\n"
                    f"Ақтөбе облысының балалар құқықтарын қорғау басқармасының басшысына\n"
                    f"Құрметті {rng.choice(P.NAMES[pool])}!\n"
                    f"{district} әкімдігі жанындағы кәмелетке толмағандардың істері жөніндегі комиссия отырысының "
                    f"хаттамасын және тапсырмалардың орындалуы туралы ақпаратты жолдайды.\n"
                    f"Қосымша: 4 парақта.\nАудан әкімінің орынбасары {rng.choice(P.NAMES[pool])}\n"
                    f"Орын. {rng.choice(P.NAMES[pool])}, тел. 8 (7133) 2-XX-XX")
    elif kind == "garbage":
        alphabet = "░▒▓|/\\_-=~:;.,'`ilI1!rnmoO0c"
        text = "\n".join("".join(rng.choice(alphabet) for _ in range(rng.randint(10, 60))) for _ in range(rng.randint(3, 15)))
    else:  # empty
        text = rng.choice(["", "   \n\n  ", "\f\f"])
    return {"language": lang, "grade": None, "is_protocol": False, "elements": {}, "decisions": [], "text": text,
            "noisy": False, "kind": kind}


def generate(*, split: str, n: int, seed: int) -> list[dict]:
    pool = "train" if split == "train" else "heldout"
    rng = random.Random(seed)
    records = []
    for i in range(n):
        r = rng.random()
        lang = rng.choice(["ru", "kk"])
        if r < 0.12:
            rec = make_non_protocol(rng, lang=lang, kind=rng.choice(["plan", "plan", "letter", "garbage", "empty"]),
                                    pool=pool)
        else:
            grade = rng.choice([1, 2, 3, 4, 5])
            rec = make_protocol(rng, lang=lang, grade=grade, pool=pool, mixed=rng.random() < 0.12,
                                noisy=rng.random() < 0.25)
        rec = {"id": f"{split}-{i:04d}", "split": split, "source": "generated", **rec}
        records.append(rec)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--train", type=int, default=240)
    parser.add_argument("--heldout", type=int, default=160)
    args = parser.parse_args()
    for split, n, seed in (("train", args.train, 1), ("heldout", args.heldout, 2)):
        path = args.out / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in generate(split=split, n=n, seed=seed):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
