"""Rule half of the urgent detector: spaCy Matcher patterns over kk and ru, with negation, past-event and
legal-question handling.

Every token gets a canonical form (``token._.canon``): lower case, Kazakh-only letters folded to the
Russian letters people type instead (қ→к, ұ→у, і→и ...), and Latin-script Kazakh transliterated to
Cyrillic. Patterns are written once against that form, so "ұрады", "урады" and "urady" all match and
the evidence span is still the original text. Kazakh negation is morphological (ұрады "beats" vs
ұрмайды "does not beat"), so Kazakh verb patterns list positive forms only; Russian negation is a
particle and is checked around the match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language as SpacyLanguage
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from models.complaints.features import canonical
from pipelines.nlp import blank

URGENT_REASONS = ("suicide", "violence", "sexual_abuse", "missing_child", "danger_to_life")

if not Token.has_extension("canon"):
    Token.set_extension("canon", getter=lambda token: token.norm_)


def _tok(regex: str, op: str | None = None) -> dict:
    # NORM, set to the canonical form once per token in :func:`_canonical_doc`: a custom ``_`` attribute
    # would be recomputed for every pattern predicate (most of the rule time in a profile).
    pattern: dict = {"NORM": {"REGEX": f"^(?:{regex})$"}}
    if op:
        pattern["OP"] = op
    return pattern


_HYPHEN = {"TEXT": "-", "OP": "?"}
_ANY = {"IS_PUNCT": False, "OP": "?"}

# (reason, pattern). Regexes are over the canonical form (no Kazakh-only letters, no "ё").
PATTERNS: list[tuple[str, list[dict]]] = [
    # -- suicide / self-harm
    ("suicide", [_tok(r"суицид\w*|самоубийств\w*|самоповрежд\w*|аутоагресс\w*")]),
    ("suicide", [_tok(r"поконч\w*"), _tok("с"), _tok("собой")]),
    ("suicide", [_tok(r"убить|убью|убьет|убил\w*"), _tok(r"себя")]),
    ("suicide", [_tok("не"), _tok(r"хочу|хочет|хотела|хотел|хочется"), _tok("больше", "?"), _tok("жить")]),
    ("suicide", [_tok("жить"), _tok("не"), _tok(r"хочу|хочет|хочется")]),
    ("suicide", [_tok(r"уйти|уйду"), _tok("из"), _tok(r"жизни")]),
    ("suicide", [_tok(r"прощальн\w*")]),
    ("suicide", [_tok(r"режет|режу|резала|резал|порезал\w*|вскрыл\w*"), _tok(r"себе", "?"), _tok(r"руки|вены|запясть\w*")]),
    ("suicide", [_tok(r"наглотал\w*")]),
    ("suicide", [_tok(r"оз\w*"), _HYPHEN, _tok(r"оз\w*", "?"), _tok("кол"), _tok(r"жумса\w*|салм\w*|салу|салды|салган\w*|салып")]),
    ("suicide", [_tok(r"омир"), _tok(r"сург\w*|суру\w*"), _tok(r"келмейди|келмейд|келмей")]),
    ("suicide", [_tok(r"озимди|озин|озинди|озими"), _tok(r"олтир\w*")]),
    ("suicide", [_tok(r"озиме|озине|озин"), _tok(r"закым\w*")]),
    ("suicide", [_tok(r"билег\w*|кол\w*|тамыр\w*"), _tok(r"кесип|кескен\w*|кеседи|кести|кесилген")]),
    ("suicide", [_tok(r"асылып|асылмак\w*|асылам\w*")]),
    ("suicide", [_tok(r"прыгну|спрыгну|выпрыгну|сброшусь|брошусь"), _tok(r"с|из|под", "?")]),
    ("suicide", [_tok(r"крыштан|терезеден|балконнан|копирден"), _tok(r"секир\w*|кулап\w*|тастаймын")]),
    # -- violence (a child beaten or cruelly treated)
    ("violence", [_tok(r"избива\w*|избил\w*|избит\w*|изби\w*|побои|побоев|колотит|пинает|пинал\w*|душил\w*|душит")]),
    ("violence", [_tok(r"бьет|бьют|бил|била|били|побил\w*|бьешь")]),
    ("violence", [_tok(r"подним\w*|поднял\w*"), _tok("на"), _ANY, _tok("руку")]),
    ("violence", [_tok(r"подним\w*|поднял\w*"), _tok("руку")]),
    ("violence", [_tok(r"запира\w*|запер\w*|камап|камайды")]),
    ("violence", [_tok(r"синяк\w*|сотрясени\w*|ремн\w*|ремень")]),
    ("violence", [_tok(r"жесток\w*")]),
    ("violence", [_tok(r"ур(?:ады|ды|ып|ган\w*|атын|амыз|амын|ады|ыпты|ып-согады)")]),
    ("violence", [_tok(r"сок(?:ты|кан\w*|ып)|сог(?:ады|ып)|соккы\w*|сабап|сабады|сабайды|сабаган\w*|сабалды")]),
    ("violence", [_tok(r"зомбылык\w*|катыгездик\w*")]),
    ("violence", [_tok(r"таякпен|белдикпен|шыбыркпен")]),
    ("violence", [_tok(r"когерген|коггерген|кок"), _tok(r"жер\w*|ала", "?")]),
    # -- sexual abuse
    ("sexual_abuse", [_tok(r"изнасил\w*|развратн\w*|домога\w*|педофил\w*|растлени\w*|шантаж\w*|лапает|лапал\w*")]),
    ("sexual_abuse", [_tok(r"интимн\w*|откровенн\w*|голы\w*|обнаженн\w*"), _tok(r"фото\w*|снимк\w*|сообщени\w*|фотограф\w*|видео")]),
    ("sexual_abuse", [_tok(r"трогает|трогал\w*")]),
    ("sexual_abuse", [_tok(r"сексуальн\w*")]),
    ("sexual_abuse", [_tok(r"зорла\w*|азгыр\w*|бопса\w*")]),
    ("sexual_abuse", [_tok(r"жыныстык")]),
    ("sexual_abuse", [_tok(r"адепсиз|эдепсиз")]),
    ("sexual_abuse", [_tok(r"жеке|жалангаш|интимдик"), _tok(r"сурет\w*")]),
    # -- missing or runaway child
    # "пропал" alone is also a lost password or a vanished debtor: strong only next to a child.
    ("missing_child", [_tok(r"сын|дочь|дочка|ребенок|девочка|мальчик|подросток|внук|внучка|племянни\w*|дети"),
                       _ANY, _ANY, _tok(r"пропал\w*")]),
    ("missing_child", [_tok(r"пропал\w*"), _tok(r"сын|дочь|дочка|ребенок|девочка|мальчик|подросток|внук|внучка")]),
    ("missing_child", [_tok("без"), _tok("вести")]),
    ("missing_child", [_tok(r"ушел|ушла|ушли|сбежал\w*|убежал\w*"), _tok(r"из"), _tok(r"дома|дому|центра|интерната")]),
    ("missing_child", [_tok(r"сбежал\w*|убежал\w*")]),
    ("missing_child", [_tok("не"), _tok(r"вернул\w*")]),
    ("missing_child", [_tok(r"домой"), _tok("не"), _tok(r"пришел|пришла|пришли")]),
    # "не пришёл" alone is also a list or a payment that did not come: strong only with where to.
    ("missing_child", [_tok("не"), _tok(r"пришел|пришла|пришли"), _tok(r"домой|ночевать|обратно|в|на|из|со|с")]),
    # "хабарсы кетті": the з is often lost in quick typing.
    ("missing_child", [_tok(r"хабарсыз|хабарсы"), _tok(r"кетти|кетип|кеткен|жогалды", "?")]),
    ("missing_child", [_tok(r"жогалып"), _tok(r"кетти|кеткен|калды")]),
    ("missing_child", [_tok(r"уйден"), _tok(r"кетип|кашып|шыгып"), _tok(r"калды|кетти|кеткен|калган")]),
    ("missing_child", [_tok(r"уйге|мектептен"), _tok(r"келмеди|оралмады|кайтпады")]),
    ("missing_child", [_tok(r"оралмады|кайтпады|оралган\s*жок")]),
    ("missing_child", [_tok(r"кашып"), _tok(r"кетти|кеткен")]),
    # -- acute danger to life
    ("danger_to_life", [_tok(r"открыт\w*"), _tok(r"канализационн\w*", "?"), _tok(r"люк\w*|колод\w*")]),
    ("danger_to_life", [_tok(r"люк\w*|колод\w*"), _tok(r"без|открыт\w*|ашык")]),
    ("danger_to_life", [_tok(r"ашык"), _tok(r"люк\w*")]),
    ("danger_to_life", [_tok(r"нет|без"), _tok(r"отоплени\w*|тепла")]),
    ("danger_to_life", [_tok(r"отоплени\w*"), _tok(r"нет|отключ\w*")]),
    ("danger_to_life", [_tok(r"отключ\w*"), _tok(r"отоплени\w*")]),
    ("danger_to_life", [_tok(r"жылу|пеш"), _tok(r"да|та", "?"), _tok(r"жок|жагылмаган|жагылмайды")]),
    ("danger_to_life", [_tok(r"жылу"), _tok(r"да|та")]),
    ("danger_to_life", [_tok(r"суык|салкын"), _tok(r"уйде|патерде")]),
    ("danger_to_life", [_tok(r"задыха\w*|судорог\w*|угарн\w*|туншыг\w*")]),
    ("danger_to_life", [_tok(r"тыныс\w*"), _tok(r"тарыл\w*")]),
    ("danger_to_life", [_tok("дем"), _tok("ала"), _tok(r"алмай\w*")]),
    ("danger_to_life", [_tok(r"угрожа\w*|грозит\w*|кричит"), _tok("что", "?"), _tok(r"убить|убьет|убьют|убью|зарежет")]),
    ("danger_to_life", [_tok(r"убьет|убью|зарежу|зарежет"), _tok(r"ребенка|его|ее|дочь|сына|детей")]),
    ("danger_to_life", [_tok(r"пышакпен|пышак|ножом")]),
    ("danger_to_life", [_tok(r"выброс\w*|выкин\w*|скин\w*"), _tok(r"ребенка|малыша|его|ее|дочь|сына|детей"),
                        _tok(r"в|из|с"), _tok(r"окно|окна|балкона")]),
    ("danger_to_life", [_tok(r"олтиремин|олтиремиз|олтиреди|олтирем")]),
    ("danger_to_life", [_tok(r"скор\w*|жардем\w*"), _tok("помощь", "?"), _tok("не", "?"), _tok(r"едет|приезжает|келмей\w*")]),
    # Added in round 4 from the wording of new authors (whole_texts_3/4): more verb forms and paraphrases.
    ("suicide", [_tok(r"уйдет|уйдешь|уйдем|уйдут|уходить"), _tok("из"), _tok(r"жизни")]),
    ("suicide", [_tok(r"свести|сведу|сведет|свела|свел"), _tok(r"сч[её]ты|счеты")]),
    ("suicide", [_tok(r"повеш\w*|повеси\w*|вешаться")]),
    ("suicide", [_tok(r"хочу|хочет|хотела|хотел|хочется"), _tok(r"умереть|сдохнуть|исчезнуть|умирать")]),
    ("suicide", [_tok(r"незачем|зачем"), _tok(r"мне|нам", "?"), _tok("жить")]),
    ("suicide", [_tok("нет"), _tok("смысла"), _tok("жить")]),
    ("suicide", [_tok(r"выпью|выпить|выпила|выпил|выпьет|наемся|нажрусь"), _tok(r"все|всю|эти", "?"),
                 _tok(r"таблет\w*|пачк\w*")]),
    ("suicide", [_tok(r"пойду|пойдет|пошла|уйду"), _tok("на"), _tok(r"мост|крышу|рельсы")]),
    ("suicide", [_tok(r"порез\w*"), _tok(r"на|себе", "?"), _tok(r"руках|руке|руки|запясть\w*|ногах|бедрах")]),
    ("suicide", [_tok(r"селфхарм\w*|режет|режу")]),
    ("suicide", [_tok(r"олгим|олгиси|олгисим"), _tok(r"келеди|келип|келетин\w*")]),
    ("suicide", [_tok(r"омирден"), _tok(r"кетк\w*|кетем\w*|кетуг\w*|кетсем|кетпек\w*")]),
    ("suicide", [_tok(r"тири"), _tok(r"жургим|жургиси"), _tok(r"келмейди|келмей")]),
    ("suicide", [_tok(r"барин\w*|бари"), _tok(r"битиремин|битирем|тауысамын|токтатамын")]),
    ("suicide", [_tok(r"коштасу"), _tok(r"хат\w*")]),
    ("suicide", [_tok(r"кол\w*|билег\w*"), _tok(r"тилип|тилген\w*|тилди|тиледи")]),
    ("violence", [_tok(r"пина\w*|лупит|лупят|лупил\w*|колотят|колотил\w*|истяза\w*|ударил\w*|ударила|удары|ударов|ударами")]),
    ("violence", [_tok(r"таска\w*"), _tok("за"), _tok(r"волос\w*|уши")]),
    ("violence", [_tok(r"тепкил\w*|тебелеп|тебеди|тепти")]),
    ("violence", [_tok(r"урып|урыпты|урган")]),
    ("violence", [_tok(r"таяк"), _tok(r"жеп|жейди|жеди|жеген\w*")]),
    ("sexual_abuse", [_tok(r"пристает|пристают|приставал\w*|пристал|пристала|совращ\w*|непристойн\w*|порно\w*")]),
    ("sexual_abuse", [_tok(r"тиисе\w*|тиисип|тиискен\w*")]),
    ("sexual_abuse", [_tok(r"денесин|денеме|денесине|денемди"), _tok(r"устайды|устады|тиеди|тиген|сипайды")]),
    ("missing_child", [_tok(r"исчез\w*")]),
    ("missing_child", [_tok("не"), _tok(r"ночевал\w*|ночует|досчита\w*")]),
    ("missing_child", [_tok(r"табылмады|табылмай\w*")]),
    ("missing_child", [_tok(r"табылган"), _tok("жок")]),
    ("missing_child", [_tok(r"тунемеди|тунемей\w*")]),
    ("danger_to_life", [_tok(r"тонк\w*"), _tok(r"лед\w*|льду")]),
    ("danger_to_life", [_tok(r"лед|льду"), _tok(r"тонкий")]),
    ("danger_to_life", [_tok(r"полын\w*")]),
    ("danger_to_life", [_tok(r"жука"), _tok(r"муз\w*")]),
    ("danger_to_life", [_tok(r"какпаг\w*"), _tok(r"жок|ашык")]),
    ("danger_to_life", [_tok("без"), _tok(r"сознани\w*")]),
    ("danger_to_life", [_tok("не"), _tok(r"дышит|дышал\w*")]),
    ("danger_to_life", [_tok(r"есинен"), _tok(r"танд\w*|танып")]),
    ("danger_to_life", [_tok(r"тырысып"), _tok(r"калды|кетти|жатыр")]),
    ("danger_to_life", [_tok(r"под"), _tok(r"вагон\w*|поезд\w*|состав\w*")]),
    ("danger_to_life", [_tok(r"не"), _tok(r"достанется")]),
]

# Weak cues: wording that is common in alarming complaints but also in ordinary ones (cold flats, hungry
# children after kindergarten, a child left alone for an hour). A weak hit flags a complaint only together
# with a model score above the weak threshold chosen on DEV (``urgent_threshold_weak``), never alone.
WEAK_PATTERNS: list[tuple[str, list[dict]]] = [
    ("missing_child", [_tok(r"пропал\w*")]),
    ("suicide", [_tok(r"порез\w*|лезви\w*|шрам\w*|тилик\w*")]),
    ("sexual_abuse", [_tok(r"скинь|пришли|присылай|отправь|жибер\w*|салшы"), _tok(r"мне", "?"), _tok(r"фото\w*|сурет\w*|видео")]),
    ("sexual_abuse", [_tok(r"наш|биздин"), _tok(r"секрет\w*|купия\w*")]),
    ("sexual_abuse", [_tok(r"маме|родителям|никому|анана|анама|ешкимге"), _tok(r"не", "?"), _tok(r"говори\w*|скажи|рассказыва\w*|айтпа\w*")]),
    ("danger_to_life", [_tok("без"), _tok(r"инсулин\w*|лекарств\w*|кислород\w*|лечени\w*")]),
    ("danger_to_life", [_tok(r"нечем"), _tok(r"кормить|топить|лечить")]),
    ("danger_to_life", [_tok(r"неисправн\w*|утонул\w*|тонул\w*|тонет|захлеб\w*|батып|батыл\w*")]),
    ("danger_to_life", [_tok(r"одн\w*|один"), _tok(r"дома|в", "?"), _tok(r"доме|квартире|дома")]),
    ("danger_to_life", [_tok(r"оставля\w*|оставил\w*|бросил\w*|бросает|бросают"), _ANY,
                        _tok(r"одного|одну|одних")]),
    ("danger_to_life", [_tok(r"без"), _tok(r"присмотра|еды|воды|света")]),
    ("danger_to_life", [_tok(r"жалгыз"), _tok(r"калдыр\w*|калды|отыр\w*|жатыр|калган\w*")]),
    ("danger_to_life", [_tok(r"уголь|угля|комир\w*|дров\w*|отын"), _tok(r"кончил\w*|закончил\w*|нет|битти|жок|таусылд\w*")]),
    ("danger_to_life", [_tok(r"минус"), _tok(r"[1-4]\d")]),
    ("danger_to_life", [_tok(r"улице|далада|сыртта|морозе"), _ANY, _tok(r"[-−][1-4]\d")]),
    ("danger_to_life", [_tok(r"холодно|суык|муздай|мерзнут|мерзнем|тонып|тонамыз")]),
    ("danger_to_life", [_tok("не"), _tok(r"топлен\w*|топят|топили")]),
    ("danger_to_life", [_tok(r"ничего|нечего"), _tok(r"не", "?"), _tok(r"ели|ест|есть|кушать|поесть|кушали")]),
    ("danger_to_life", [_tok(r"голод\w*|аштан|ашпыз|аш")]),
    ("danger_to_life", [_tok(r"тамак\w*"), _tok(r"та|да", "?"), _tok(r"жок|таусылд\w*|битти")]),
    ("danger_to_life", [_tok(r"температур\w*|кызу\w*|ыстыг\w*"), _ANY, _tok(r"(?:39|40|41)(?:[.,]\d)?\w*")]),
    ("danger_to_life", [_tok(r"рвот\w*|понос\w*|обезвож\w*|кусу\w*|кусып")]),
    ("danger_to_life", [_tok(r"ждем|ждите|ждать|ждали|жду|кутип|кутемиз"), _ANY, _tok(r"скор\w*|жедел|врач\w*")]),
    ("danger_to_life", [_tok(r"скор\w*|жедел|жардем\w*"), _ANY, _tok(r"отказ\w*|нет|жок|келмеди|шыкпады")]),
    ("danger_to_life", [_tok(r"пожар\w*|горит|горим|орт|угар\w*|газ|газов\w*")]),
    ("danger_to_life", [_tok(r"обвал\w*|обруш\w*|рухну\w*|трещин\w*|куласа|кулап|опирыл\w*")]),
    ("danger_to_life", [_tok(r"тормоз\w*|дверь|есиги"), _ANY, _tok(r"не", "?"), _tok(r"работа\w*|сломан\w*|сынык|истемейди|открыва\w*|закрыва\w*|жабылмайды")]),
    ("danger_to_life", [_tok(r"люк\w*|колодец|колодц\w*|яма|яму|котлован\w*|ор|шункыр\w*|кудык\w*")]),
    ("danger_to_life", [_tok(r"балкон\w*|окн\w*|терезе\w*"), _ANY, _tok(r"открыт\w*|ашык")]),
    ("danger_to_life", [_tok(r"запо\w*|пьет|пьют|пьяный|пьяная|пьяные|ишип|маскунем\w*|мас")]),
    ("danger_to_life", [_tok(r"угрожа\w*|грозит\w*|коркыт\w*")]),
    ("violence", [_tok(r"толка\w*|толкнул\w*|обжег\w*|ожог\w*|ссадин\w*|кровь|кровью|кан")]),
    ("violence", [_tok(r"крик\w*|кричит|орет"), _ANY, _tok(r"удар\w*|плач\w*")]),
    ("sexual_abuse", [_tok(r"без"), _tok(r"одежды|футболки|трусов|белья")]),
    ("sexual_abuse", [_tok(r"заманива\w*|заманил\w*|азгырып|фото|сурет\w*"), _ANY, _tok(r"никому|ешкимге|не", "?"), _tok(r"говорить|айтпа\w*|присла\w*|жибер\w*")]),
    ("sexual_abuse", [_tok(r"жалангаш\w*|раздева\w*|шешин\w*")]),
    ("missing_child", [_tok("не"), _tok(r"можем|могут|может|могу|смогли"), _tok("найти")]),
    ("missing_child", [_tok("не"), _tok(r"пришел|пришла|пришли")]),
    ("missing_child", [_tok("не"), _tok(r"нашли|найден\w*")]),
    ("missing_child", [_tok(r"телефон\w*"), _tok(r"выключен\w*|недоступен|отключен|ошик|оширули|ошип\w*")]),
    ("missing_child", [_tok(r"ищем|ищут|искали|розыск\w*|издеп|издейміз|издеймиз")]),
    ("missing_child", [_tok(r"жогалды|жогалган\w*")]),
    ("suicide", [_tok(r"олемин|шаршадым")]),
    ("suicide", [_tok("никому"), _tok("не"), _tok(r"нужна|нужен|нужны")]),
    ("suicide", [_tok("ешкимге"), _tok(r"керек\w*")]),
    ("suicide", [_tok(r"раздает|раздала|раздаю"), _ANY, _tok(r"вещи|вещ\w*")]),
]
WEAK_PATTERN_START = len(PATTERNS)

_RU_NEGATION = frozenset({"не", "ни", "нет", "никогда", "ниразу"})
_KK_POST_NEGATION = frozenset({"емес", "жок"})
_KK_NEVER = frozenset({"ешкашан", "ешбир"})

_PAST = re.compile(
    r"(?:\d+|один|два|две|три|четыре|пять|несколько)\s+(?:год\w*|лет|месяц\w*)\s+назад|в\s+прошлом\s+году|"
    r"когда-то|давно|раньше|в\s+детстве|"
    r"(?:\d+|бир|еки|уш|торт|бес|алты|бирнеше)\s+жыл\s+бурын|откен\s+жыл\w*|бурын|баягыда|кезинде|"
    r"бес\s+жыл\s+бурын|"
    r"(?:год\w*|лет|месяц\w*|недел\w*)\s+(?:\w+\s+)?назад|в\s+прошлом\s+(?:\w+\s+)?(?:году|месяце)|это\s+было|былтыр|"
    r"откен\s+(?:айда|жылы|аптада)"
)
_PAST_DAY = re.compile(
    r"(?:в|во)\s+прошл\w+\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|раз|выходные)|"
    r"на\s+прошлой\s+неделе|откен\s+(?:дуйсенби|сейсенби|сарсенби|бейсенби|жума|сенби|жексенби)\w*"
)
_RECENT = re.compile(r"сейчас\s+опять|опять|снова|до\s+сих\s+пор|продолжа\w*|сегодня|вчера|тагы|али\s+де|казир\s+де|"
                     r"бугин|кеше|калып\s+жатыр|жатыр")
_LEGAL_QUESTION = re.compile(r"закон\w*|стать\w*|наказани\w*|ответственност\w*|грозит|заң\w*|зан\w*|жаза\w*|бап\w*"
                             r"|кандай\s+жаза|какая\s+статья")


# Said in jest or as a figure of speech ("убью, если двойку принесёшь - шутит", "өлтіремін деп күліп айтты").
_JOKE = re.compile(r"шутк\w*|шутит|шутя|шутил\w*|в\s+шутку|не\s+всерьез|несерьезно|калжын\w*|азил\w*")
# The danger is over by the writer's own account ("всё обошлось", "табылды, аман").
_RESOLVED = re.compile(r"(?<!не )(?:обошлось|зажил\w*|нашел\w*|нашлась|нашлись|вернулся|вернулась|в\s+безопасности|"
                       r"\bаман\b|аман-есен|табылды|жазылды|жазылып|бари\s+жаксы|жагдайы\s+жаксы|"
                       r"все\s+хорошо|все\s+в\s+порядке|кауип\s+жок)")
# The danger is back or goes on: a "resolved" word near it does not close it.
_AGAIN = re.compile(r"опять|снова|кайтадан|до\s+сих\s+пор|продолжа\w*|тагы|али\s+де|казир\s+де|калып\s+жатыр")
# A "missing" word about an adult or a thing (a debtor, a password, a voucher), not a child.
_NOT_A_CHILD = re.compile(r"должник\w*|алимент\w*|кредитор\w*|борышкер\w*|кужат\w*|документ\w*|свидетельств\w*|"
                          r"ваучер\w*|доступ\w*|парол\w*|логин\w*|оценк\w*|деньг\w*|акша\w*|справк\w*|"
                          r"ведомост\w*|список|тизим\w*|аккаунт\w*|сигнал\w*|интернет")
_CHILD = re.compile(r"\b(?:сын\w*|доч\w*|ребен\w*|ребят\w*|дет\w*|девоч\w*|мальчи\w*|подрост\w*|внук\w*|внуч\w*|"
                    r"бала\w*|улым\w*|улы\b|кызым\w*|немере\w*|жиен\w*|окушы\w*|ученик\w*|ученица\w*)")
_TRUANCY = re.compile(r"(?:с|со)\s+(?:уроков|урока|занятий|пар)\b")
_QUESTION = re.compile(r"\b(?:какая|какое|какие|каково|что\s+грозит|кандай|кандай|бар\s+ма|ма|ме|ба|бе)\b")
# Patterns that contain a negation word themselves ("не хочу жить", "нет отопления").
_NEGATING_PATTERNS = frozenset(
    index for index, (_, pattern) in enumerate(PATTERNS + WEAK_PATTERNS)
    if any({"не", "нет", "без"} & set(re.findall(r"[а-я]+", t.get("NORM", {}).get("REGEX", "")))
           for t in pattern)
)


@dataclass(frozen=True, slots=True)
class RuleHit:
    reason: str
    start_char: int
    end_char: int
    text: str
    discounted: str | None
    """Why the hit does not count (``negated``, ``past``, ``legal_question``, ``figure_of_speech``,
    ``resolved``, ``truancy``, ``not_a_child``) or None when it counts."""
    weak: bool = False
    """A weak cue: flags a complaint only together with the model's urgent score (see WEAK_PATTERNS)."""


def _sentence_canon(sent: Span) -> str:
    return " ".join(token._.canon for token in sent)


def _discount(doc: Doc, span: Span, reason: str, pattern_has_negation: bool) -> str | None:
    sent = span.sent
    before = [t._.canon for t in doc[max(sent.start, span.start - 3):span.start]]
    after = [t._.canon for t in doc[span.end:min(sent.end, span.end + 2)]]
    if not pattern_has_negation and any(word in _RU_NEGATION for word in before[-2:]):
        return "negated"
    # "ұрған жоқ / ұрған емес": a Kazakh participle negated by the word after it.
    if span[-1]._.canon.endswith(("ган", "ген", "кан", "кен")) and any(w in _KK_POST_NEGATION for w in after):
        return "negated"
    if any(word in _KK_NEVER for word in before):
        return "negated"
    sentence = _sentence_canon(sent)
    if (sent.text.rstrip().endswith("?") or _QUESTION.search(sentence)) and _LEGAL_QUESTION.search(sentence):
        return "legal_question"
    recent = _RECENT.search(sentence)
    if (_PAST.search(sentence) or _PAST_DAY.search(sentence)) and not recent:
        return "past"
    # The sentence of the hit and the one after it: "убью, говорит. Шутит конечно" / "Ұрып кетті. Қазір аман".
    following = _next_sentence(doc, sent)
    window = f"{sentence} {_sentence_canon(following)}" if following is not None else sentence
    if _JOKE.search(window):
        return "figure_of_speech"
    if _RESOLVED.search(window) and not _AGAIN.search(window):
        return "resolved"
    if reason == "missing_child":
        # "сбежал с уроков", "сабақтан қашып кетті": skipped lessons, not gone.
        if span[0]._.canon != "не" and (before[-1:] == ["сабактан"] or _TRUANCY.match(" ".join(after))):
            return "truancy"
        just_before = " ".join(t._.canon for t in doc[max(sent.start, span.start - 4):span.start])
        if _NOT_A_CHILD.search(just_before) or (_NOT_A_CHILD.search(sentence) and not _CHILD.search(sentence)):
            return "not_a_child"
    return None


def _next_sentence(doc: Doc, sent: Span) -> Span | None:
    return next(iter(doc[sent.end:].sents), None) if sent.end < len(doc) else None


@lru_cache(maxsize=2)
def _pipeline(lang: str) -> tuple[SpacyLanguage, Matcher]:
    nlp = blank(lang)
    matcher = Matcher(nlp.vocab)
    for index, (reason, pattern) in enumerate(PATTERNS + WEAK_PATTERNS):
        matcher.add(f"{reason}|{index}", [pattern])
    return nlp, matcher


def find_rule_hits(text: str, *, language: str = "mixed") -> list[RuleHit]:
    """All trigger matches in ``text`` (longest per position), each marked counted or discounted."""
    nlp, matcher = _pipeline("ru" if language == "ru" else "kk")
    doc = _canonical_doc(nlp, text)
    spans = []
    for match_id, start, end in matcher(doc):
        label = nlp.vocab.strings[match_id]
        spans.append((label, doc[start:end]))
    # Keep the longest match where matches overlap, a strong one over a weak one of the same length.
    spans.sort(key=lambda item: (-(item[1].end - item[1].start), int(item[0].split("|")[1]) >= WEAK_PATTERN_START,
                                 item[1].start))
    taken: set[int] = set()
    hits: list[RuleHit] = []
    for label, span in spans:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        reason, index = label.split("|")
        has_negation = int(index) in _NEGATING_PATTERNS
        hits.append(RuleHit(reason, span.start_char, span.end_char, span.text, _discount(doc, span, reason, has_negation),
                            weak=int(index) >= WEAK_PATTERN_START))
    return sorted(hits, key=lambda h: h.start_char)


def _canonical_doc(nlp: SpacyLanguage, text: str) -> Doc:
    doc = nlp(text)
    for token in doc:
        token.norm_ = _canonical_cached(token.text)
    return doc


@lru_cache(maxsize=50_000)
def _canonical_cached(word: str) -> str:
    return canonical(word)


def sentences(text: str, *, language: str = "mixed") -> list[str]:
    nlp, _ = _pipeline("ru" if language == "ru" else "kk")
    return [sent.text for sent in nlp(text).sents]
