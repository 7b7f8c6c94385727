"""Deterministic generator of labelled commission work plans (kk and ru, 2022-2025, Aktobe districts).

A *family* is an original plan and its copies. Copy kinds: ``verbatim`` (same district, maybe the
next year with the year changed), ``district_copy`` (another district's names put in),
``near_duplicate`` (rows paraphrased, dropped, added, reordered), ``translation`` (kk<->ru, from the
bank's translation pairs). Negatives: originals that share only boilerplate rows with a family's
source, or only its topics (other activities of the same thematic blocks). Every row carries a
provenance key, so row-level truth is exact.

    python -m corpora.plans.generate --out var/corpora/plans --families 40 --formats docx,pdf,csv
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from corpora.plans.bank import BOILERPLATE, DEADLINES, FRAMES, GROUPS, RESPONSIBLE, RESULTS, SECTIONS
from corpora.plans.places import DISTRICTS, District

YEARS = (2022, 2023, 2024, 2025)
_GROUPS = {g.key: g for g in GROUPS}
_DISTRICTS = {d.key: d for d in DISTRICTS}

# A unit is one bank activity: ("f", frame index, group key or "") or ("b", boilerplate index, "").
Unit = tuple[str, int, str]
TOPICAL_UNITS: tuple[Unit, ...] = tuple(
    ("f", i, g) for i, frame in enumerate(FRAMES) for g in (frame.groups or ("",)))
TOPICS: tuple[str, ...] = tuple(dict.fromkeys(frame.topic for frame in FRAMES))

_PARAPHRASE_RU: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"^Проведение ", ("Организация и проведение ", "Организовать проведение ")),
    (r"профилактических бесед", ("профилактической работы",)),
    (r"\bучащимися\b", ("обучающимися",)), (r"\bучащихся\b", ("обучающихся",)),
    (r"\bродителями\b", ("законными представителями",)),
    (r"^Организация ", ("Обеспечение организации ",)), (r"^Мониторинг ", ("Проведение мониторинга ",)),
    (r"^Анализ ", ("Проведение анализа ",)), (r"^Проверка ", ("Проведение проверки ",)),
    (r"^Заслушивание ", ("Рассмотрение на заседании комиссии: заслушивание ",)),
    (r" в организациях образования", (" в школах",)), (r"\bшколах\b", ("общеобразовательных школах",)),
    (r"^Выявление ", ("Своевременное выявление ",)), (r"^Оказание ", ("Обеспечение оказания ",)),
    (r"^Профилактика ", ("Проведение мероприятий по профилактике ",)),
    (r" и ", (", а также ",)),
)
_SUFFIX_RU = (" (по согласованию)", " в течение учебного года", " совместно с заинтересованными органами",
              " с последующим информированием комиссии", " по отдельному графику")
_PARAPHRASE_KK: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r" өткізу$", (" ұйымдастыру және өткізу",)), (r" жүргізу$", (" ұйымдастыру",)),
    (r"оқушылар", ("білім алушылар",)), (r"әңгімелер", ("әңгімелесулер",)), (r"бойынша", ("жөнінде",)),
    (r"ата-аналар", ("заңды өкілдер",)), (r" тексеру$", (" тексеруді жүргізу",)),
    (r" талдау$", (" талдау жүргізу",)), (r"мектептерде", ("жалпы білім беретін мектептерде",)),
    (r"кәмелетке толмағандар", ("жасөспірімдер",)), (r" ұйымдастыру$", (" ұйымдастыруды қамтамасыз ету",)),
    (r" мен ", (" және ",)), (r" қамтамасыз ету$", (" қамтамасыз етуді бақылау",)),
)
_SUFFIX_KK = (" (келісім бойынша)", " оқу жылы бойы", " мүдделі органдармен бірлесіп",
              " комиссияға кейіннен ақпарат бере отырып", " жеке кесте бойынша")


@dataclass
class GeneratedRow:
    key: str  # provenance: the same key in two plans of one family means "this row was copied"
    unit: Unit
    activity: str
    deadline: str
    responsible: str
    expected_result: str
    section: int
    boilerplate: bool
    variant: int = 0  # 0 = bank wording; >0 = paraphrased
    language: str = ""  # the row's own language ("kk"/"ru"); a "mixed" plan has rows of both


@dataclass
class GeneratedPlan:
    plan_id: str
    language: str
    district: str  # district key
    year: int
    family: int | None
    kind: str  # original | verbatim | district_copy | near_duplicate | translation | negative_boilerplate | negative_topic
    source: str | None
    rows: list[GeneratedRow] = field(default_factory=list)
    village: int = 0
    deadline_ids: list[int] = field(default_factory=list)

    @property
    def district_obj(self) -> District:
        return _DISTRICTS[self.district]

    def title(self) -> str:
        d = self.district_obj
        if self.language != "kk":
            return (f"План работы комиссии по делам несовершеннолетних и защите их прав при акимате "
                    f"{d.ru_gen} на {self.year} год")
        return (f"{d.kk_gen.replace('ның', '').strip()} әкімдігі жанындағы кәмелетке толмағандардың істері және "
                f"олардың құқықтарын қорғау жөніндегі комиссияның {self.year} жылға арналған жұмыс жоспары")


def render_unit(unit: Unit, *, language: str, district: District, village: int, year: int) -> str:
    kind, index, group_key = unit
    if kind == "b":
        template = getattr(BOILERPLATE[index], language)
    else:
        template = getattr(FRAMES[index], language)
    ru_village, kk_village = district.villages[village % len(district.villages)]
    slots = {"year": str(year), "district": district.ru_gen if language == "ru" else district.kk_gen,
             "village": f"с. {ru_village}" if language == "ru" else f"{kk_village} ауылының",
             "village_loc": f"{kk_village} ауылында"}
    group = _GROUPS.get(group_key)
    if group is not None:
        if language == "ru":
            slots.update(g_ins=group.ru_ins, g_gen=group.ru_gen, g_dat=group.ru_dat, g_among=group.ru_gen)
        else:
            slots.update(g_ins=group.kk_ins, g_gen=group.kk_gen, g_dat=group.kk_dat, g_among=group.kk_among)
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def paraphrase(text: str, *, language: str, rng: random.Random) -> str:
    """Reword an activity the way a commission secretary edits a copied row."""
    rules = _PARAPHRASE_RU if language == "ru" else _PARAPHRASE_KK
    applicable = [(p, r) for p, r in rules if re.search(p, text)]
    rng.shuffle(applicable)
    result = text
    for pattern, replacements in applicable[: rng.randint(1, 3)]:
        result = re.sub(pattern, rng.choice(replacements), result, count=1)
    if result == text or rng.random() < 0.35:
        result = result + rng.choice(_SUFFIX_RU if language == "ru" else _SUFFIX_KK)
    return result[0].upper() + result[1:]


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 5]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:] if rng.random() < 0.6 else w[:j] + w[j + 1:]
    return " ".join(words)


class PlanGenerator:
    """Makes plans and copies; ``seed`` fixes everything."""

    def __init__(self, seed: int = 7, *, typo_rate: float = 0.03) -> None:
        self.rng = random.Random(seed)
        self.typo_rate = typo_rate
        self._counter = 0

    def _new_id(self, language: str, district: str, year: int) -> str:
        self._counter += 1
        return f"plan_{self._counter:05d}_{district}_{year}_{language}"

    def _row(self, plan: GeneratedPlan, unit: Unit, key: str, section: int, *, deadline: int, responsible: int,
             result: int, variant: int = 0, activity: str | None = None, language: str | None = None) -> GeneratedRow:
        language = language or (plan.language if plan.language != "mixed" else "ru")
        district = plan.district_obj
        text = activity or render_unit(unit, language=language, district=district, village=plan.village, year=plan.year)
        if activity is None and self.rng.random() < self.typo_rate:
            text = _typo(text, self.rng)
        deadline_text = DEADLINES[deadline][0 if language == "ru" else 1].format(year=plan.year)
        resp = RESPONSIBLE[responsible][0 if language == "ru" else 1].format(
            district=district.ru_gen if language == "ru" else district.kk_gen)
        res = RESULTS[result][0 if language == "ru" else 1]
        row = GeneratedRow(key, unit, text, deadline_text, resp, res, section, unit[0] == "b", variant, language)
        row._ids = (deadline, responsible, result)  # type: ignore[attr-defined]
        return row

    def original(self, *, family: int | None, language: str | None = None, district: str | None = None,
                 year: int | None = None, topics: list[str] | None = None, exclude_units: set[Unit] | None = None,
                 exclude_frames: set[int] | None = None, kind: str = "original", source: str | None = None,
                 n_topical: int | None = None) -> GeneratedPlan:
        rng = self.rng
        language = language or rng.choice(("kk", "ru"))
        district = district or rng.choice(DISTRICTS).key
        year = year or rng.choice(YEARS[:-1])
        plan = GeneratedPlan(self._new_id(language, district, year), language, district, year, family, kind, source,
                             village=rng.randrange(2))
        topics = topics or rng.sample(TOPICS, rng.randint(4, 6))
        pool = [u for u in TOPICAL_UNITS if FRAMES[u[1]].topic in topics
                and u not in (exclude_units or set()) and u[1] not in (exclude_frames or set())]
        rng.shuffle(pool)
        # At most two groups of one frame: plans do not list the same talk for every audience.
        chosen: list[Unit] = []
        per_frame: dict[int, int] = {}
        for unit in pool:
            if per_frame.get(unit[1], 0) < 2:
                chosen.append(unit)
                per_frame[unit[1]] = per_frame.get(unit[1], 0) + 1
            if len(chosen) >= (n_topical or rng.randint(16, 24)):
                break
        boiler = [("b", i, "") for i, b in enumerate(BOILERPLATE) if rng.random() < (0.95 if b.core else 0.6)]
        tag = plan.plan_id

        def row_language() -> str | None:
            # Bilingual plans: each row written in Russian or Kazakh, Russian more often.
            return (rng.choice(("ru", "ru", "kk")) if language == "mixed" else None)

        for unit in boiler[:3]:
            plan.rows.append(self._row(plan, unit, f"{tag}:{unit}", 0, deadline=rng.randrange(len(DEADLINES)),
                                       responsible=rng.randrange(len(RESPONSIBLE)), result=rng.randrange(len(RESULTS)),
                                       language=row_language()))
        for k, unit in enumerate(chosen):
            plan.rows.append(self._row(plan, unit, f"{tag}:{unit}", 1 if k < len(chosen) // 2 else 2,
                                       deadline=rng.randrange(len(DEADLINES)),
                                       responsible=rng.randrange(len(RESPONSIBLE)), result=rng.randrange(len(RESULTS)),
                                       language=row_language()))
        for unit in boiler[3:]:
            plan.rows.append(self._row(plan, unit, f"{tag}:{unit}", 3, deadline=rng.randrange(len(DEADLINES)),
                                       responsible=rng.randrange(len(RESPONSIBLE)), result=rng.randrange(len(RESULTS)),
                                       language=row_language()))
        return plan

    def copy(self, source: GeneratedPlan, kind: str) -> GeneratedPlan:
        rng = self.rng
        language, district, year = source.language, source.district, source.year
        if kind in ("verbatim",) and rng.random() < 0.7:
            year = min(year + 1, YEARS[-1])  # "year-changed" copies are verbatim after normalisation
        if kind == "district_copy":
            district = rng.choice([d.key for d in DISTRICTS if d.key != source.district])
            year = rng.choice((year, min(year + 1, YEARS[-1])))
        if kind == "translation":
            language = {"ru": "kk", "kk": "ru"}.get(language, language)  # a mixed plan stays mixed, rows flip
            if rng.random() < 0.4:
                district = rng.choice([d.key for d in DISTRICTS if d.key != source.district])
            year = rng.choice((year, min(year + 1, YEARS[-1])))
        if kind == "near_duplicate":
            year = rng.choice((year, min(year + 1, YEARS[-1])))
        plan = GeneratedPlan(self._new_id(language, district, year), language, district, year, source.family, kind,
                             source.plan_id, village=source.village if district == source.district else rng.randrange(2))
        rows = list(source.rows)
        if kind == "near_duplicate":
            topical = [i for i, r in enumerate(rows) if not r.boilerplate]
            dropped = set(rng.sample(topical, max(1, len(topical) // 10)))
            rows = [r for i, r in enumerate(rows) if i not in dropped]
        for r in rows:
            deadline, responsible, result = r._ids  # type: ignore[attr-defined]
            row_language = ({"ru": "kk", "kk": "ru"}[r.language] if kind == "translation" else r.language)
            if kind == "near_duplicate" and not r.boilerplate and rng.random() < 0.55:
                text = render_unit(r.unit, language=row_language, district=plan.district_obj, village=plan.village,
                                   year=year)
                new = self._row(plan, r.unit, r.key, r.section, deadline=deadline, responsible=responsible,
                                result=result, variant=1, activity=paraphrase(text, language=row_language, rng=rng),
                                language=row_language)
            else:
                new = self._row(plan, r.unit, r.key, r.section, deadline=deadline, responsible=responsible, result=result,
                                variant=r.variant, language=row_language)
                if r.variant and row_language == r.language and district == source.district and year == source.year:
                    new.activity = r.activity
            plan.rows.append(new)
        if kind == "near_duplicate":
            present = {r.unit for r in plan.rows}
            extra = [u for u in TOPICAL_UNITS if u not in present and FRAMES[u[1]].topic in
                     {FRAMES[r.unit[1]].topic for r in plan.rows if not r.boilerplate}]
            for unit in rng.sample(extra, min(len(extra), rng.randint(1, 3))):
                position = rng.randrange(3, len(plan.rows))
                plan.rows.insert(position, self._row(plan, unit, f"{plan.plan_id}:{unit}", plan.rows[position].section,
                                                     deadline=rng.randrange(len(DEADLINES)),
                                                     responsible=rng.randrange(len(RESPONSIBLE)),
                                                     result=rng.randrange(len(RESULTS))))
            i = rng.randrange(3, len(plan.rows) - 2)
            plan.rows[i], plan.rows[i + 1] = plan.rows[i + 1], plan.rows[i]
        return plan


def relation_between(a: GeneratedPlan, b: GeneratedPlan) -> str | None:
    """The true relation of two generated plans, or None if neither is a copy of the other."""
    if a.family is None or a.family != b.family:
        return None
    languages_b = {r.key: r.language for r in b.rows if not r.boilerplate}
    shared = [(r.language, languages_b[r.key]) for r in a.rows if not r.boilerplate and r.key in languages_b]
    if shared and sum(x != y for x, y in shared) >= 0.5 * len(shared):
        return "translation"
    variants_a = {(r.key, r.variant) for r in a.rows if not r.boilerplate}
    variants_b = {(r.key, r.variant) for r in b.rows if not r.boilerplate}
    if variants_a != variants_b or "near_duplicate" in (a.kind, b.kind):
        return "near_duplicate"
    if a.district != b.district:
        return "district_copy"
    return "verbatim"


def row_pairs_between(a: GeneratedPlan, b: GeneratedPlan) -> set[tuple[int, int]]:
    """True copied rows (1-based data-row numbers), boilerplate excluded."""
    if relation_between(a, b) is None:
        return set()
    position_b = {r.key: i + 1 for i, r in enumerate(b.rows)}
    return {(i + 1, position_b[r.key]) for i, r in enumerate(a.rows) if not r.boilerplate and r.key in position_b}


def generate_collection(*, families: int, seed: int = 7, negatives_per_family: float = 1.0,
                        kinds: tuple[str, ...] = ("verbatim", "district_copy", "near_duplicate", "translation"),
                        copies_per_family: tuple[int, int] = (1, 2), typo_rate: float = 0.03,
                        topical_rows: tuple[int, int] = (16, 24), mixed_share: float = 0.0) -> list[GeneratedPlan]:
    """Families (source + 1-2 copies of rotating kinds) plus boilerplate-only and topic-only negatives."""
    generator = PlanGenerator(seed, typo_rate=typo_rate)
    rng = generator.rng
    plans: list[GeneratedPlan] = []
    for family in range(families):
        language = "mixed" if mixed_share and rng.random() < mixed_share else None
        source = generator.original(family=family, n_topical=rng.randint(*topical_rows), language=language)
        plans.append(source)
        n_copies = rng.randint(*copies_per_family)
        for k in range(n_copies):
            plans.append(generator.copy(source, kinds[(family + k * 2) % len(kinds)]))
        if rng.random() < negatives_per_family:
            source_topics = sorted({FRAMES[r.unit[1]].topic for r in source.rows if not r.boilerplate})
            if family % 2 == 0:
                other_topics = [t for t in TOPICS if t not in source_topics]
                plans.append(generator.original(family=None, language=source.language, topics=other_topics,
                                                kind="negative_boilerplate", source=source.plan_id,
                                                n_topical=rng.randint(*topical_rows)))
            else:
                used_frames = {r.unit[1] for r in source.rows if not r.boilerplate}
                plans.append(generator.original(family=None, language=source.language, topics=source_topics,
                                                exclude_frames=used_frames, kind="negative_topic",
                                                source=source.plan_id, n_topical=max(6, topical_rows[0] // 2 + 4)))
    return plans


# ---------------------------------------------------------------------------------------------- rendering
HEADERS = {
    "ru": ["№ п/п", "Наименование мероприятий", "Срок исполнения", "Ответственные", "Ожидаемый результат"],
    "kk": ["№ р/с", "Іс-шаралар атауы", "Орындау мерзімі", "Жауаптылар", "Күтілетін нәтиже"],
}


def table_rows(plan: GeneratedPlan, *, section_rows: bool = True, numbering_row: bool = True) -> list[list[str]]:
    """The plan table as extraction would give it: header, column numbers, merged section rows, data rows."""
    lang_index = 1 if plan.language == "kk" else 0
    rows = [list(HEADERS.get(plan.language, HEADERS["ru"]))]
    if numbering_row:
        rows.append(["1", "2", "3", "4", "5"])
    current = None
    for n, row in enumerate(plan.rows, start=1):
        if section_rows and row.section != current:
            current = row.section
            title = SECTIONS[row.section][lang_index]
            rows.append([title] * 5)  # a merged row: extraction repeats the text in every spanned cell
        rows.append([f"{n}.", row.activity, row.deadline, row.responsible, row.expected_result])
    return rows


def to_extracted(plan: GeneratedPlan, *, rows_per_page: int | None = None):
    """An ExtractedDocument as the extraction pipeline returns for this plan (tables split per page)."""
    from pipelines.extract.document import DocumentMetadata, ExtractedDocument, Page, Table

    d = plan.district_obj
    rows = table_rows(plan)
    tables = []
    if rows_per_page:
        header = rows[0]
        body = rows[1:]
        for page, start in enumerate(range(0, len(body), rows_per_page), start=1):
            chunk = body[start:start + rows_per_page]
            tables.append(Table(rows=([header] + chunk), page=page))
    else:
        tables.append(Table(rows=rows))
    return ExtractedDocument(file=f"{plan.plan_id}.docx", format="docx", doc_type="plan", language=plan.language,
                             metadata=DocumentMetadata(district=d.kk if plan.language == "kk" else d.ru,
                                                       district_id=plan.district, year=plan.year),
                             pages=[Page(number=1, text=plan.title())], tables=tables)


def write_csv(plan: GeneratedPlan, path: Path) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in table_rows(plan, numbering_row=False):
            writer.writerow(row)


def write_docx(plan: GeneratedPlan, path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("БЕКІТЕМІН" if plan.language == "kk" else "УТВЕРЖДАЮ")
    document.add_heading(plan.title(), level=2)
    rows = table_rows(plan)
    table = document.add_table(rows=0, cols=5)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        if len(set(row)) == 1 and not row[0].isdigit():
            merged = cells[0].merge(cells[4])
            merged.text = row[0]
        else:
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    document.add_paragraph("Комиссия хатшысы ____________" if plan.language == "kk" else "Секретарь комиссии ____________")
    document.save(str(path))


def write_pdf(plan: GeneratedPlan, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    style = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=8, leading=10)
    rows = table_rows(plan)
    data, spans = [], []
    for i, row in enumerate(rows):
        if i > 1 and len(set(row)) == 1:
            data.append([Paragraph(row[0], style), "", "", "", ""])
            spans.append(("SPAN", (0, i), (-1, i)))
        else:
            data.append([Paragraph(c, style) for c in row])
    table = Table(data, colWidths=[35, 330, 110, 160, 130], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *spans]))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=30, rightMargin=30)
    doc.build([Paragraph(plan.title(), ParagraphStyle("t", fontName="DejaVuSans", fontSize=11, leading=14)), table])


WRITERS = {"csv": write_csv, "docx": write_docx, "pdf": write_pdf}


def write_collection(plans: list[GeneratedPlan], out: Path, *, formats: tuple[str, ...] = ("docx", "pdf", "csv")) -> Path:
    """Write each plan in one format (rotating) plus ``labels.jsonl``; returns the labels path."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "labels.jsonl").open("w", encoding="utf-8") as labels:
        for i, plan in enumerate(plans):
            fmt = formats[i % len(formats)]
            name = f"{plan.plan_id}.{fmt}"
            WRITERS[fmt](plan, out / name)
            record = {k: v for k, v in asdict(plan).items() if k != "rows"}
            record["file"] = name
            record["rows"] = [{"key": r.key, "boilerplate": r.boilerplate, "variant": r.variant} for r in plan.rows]
            labels.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out / "labels.jsonl"


def split(plans: list[GeneratedPlan], *, held_out_share: float = 0.5) -> tuple[list[GeneratedPlan], list[GeneratedPlan]]:
    """(dev, held_out) by family; negatives go with the family they were made against."""
    family_of = {p.plan_id: p.family for p in plans if p.family is not None}
    dev, held = [], []
    for plan in plans:
        family = plan.family if plan.family is not None else family_of.get(plan.source or "", 0)
        (held if (family * 7919) % 100 < held_out_share * 100 else dev).append(plan)
    return dev, held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--families", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", default="docx,pdf,csv")
    args = parser.parse_args()
    plans = generate_collection(families=args.families, seed=args.seed)
    labels = write_collection(plans, args.out, formats=tuple(args.formats.split(",")))
    print(f"{len(plans)} plans -> {labels.parent}")  # noqa: T201


if __name__ == "__main__":
    main()
