"""Urgent rules: triggers in kk, ru, mixed and Latin-script Kazakh; negated, past and legal-question
statements are discounted."""

from __future__ import annotations

import pytest

from pipelines.complaints.urgent_rules import canonical, find_rule_hits


def counted(text: str, language: str = "mixed") -> list:
    return [hit for hit in find_rule_hits(text, language=language) if hit.discounted is None]


@pytest.mark.parametrize(("text", "language", "reason", "evidence"), [
    ("Сосед каждый вечер избивает сына, сейчас опять крики.", "ru", "violence", "избивает"),
    ("Дочь написала подруге, что не хочет жить.", "ru", "suicide", "не хочет жить"),
    ("Сын ушёл из дома вчера и не вернулся.", "ru", "missing_child", "ушёл из дома"),
    ("Сожитель матери домогается до дочери.", "ru", "sexual_abuse", "домогается"),
    ("На дороге к школе открытый люк.", "ru", "danger_to_life", "открытый люк"),
    ("Өгей әкесі баланы күнде ұрады.", "kk", "violence", "ұрады"),
    ("Қызым өмір сүргім келмейді деп жазды.", "kk", "suicide", "өмір сүргім келмейді"),
    ("14 жастағы ұлым хабарсыз кетті.", "kk", "missing_child", "хабарсыз кетті"),
    ("Мектеп жанында ашық люк тұр.", "kk", "danger_to_life", "ашық люк"),
    ("огей акеси баланы урады", "kk", "violence", "урады"),  # Russian letters for Kazakh ones
    ("ul ozin oltiremin dep jazdy", "kk", "suicide", "ozin oltiremin"),  # Latin-script Kazakh
    ("Ұлым үйден кетіп қалды, уже сутки нет.", "mixed", "missing_child", "үйден кетіп қалды"),
    ("Балам режет себе руки, мектепте мазақтайды.", "mixed", "suicide", "режет себе руки"),
])
def test_triggers_are_found_with_evidence(text: str, language: str, reason: str, evidence: str) -> None:
    hits = counted(text, language)
    assert reason in {hit.reason for hit in hits}
    assert evidence in [hit.text for hit in hits]
    for hit in hits:
        assert text[hit.start_char:hit.end_char] == hit.text


@pytest.mark.parametrize(("text", "language", "why"), [
    ("Муж никогда не бил детей, мы просто разводимся.", "ru", "negated"),
    ("Отец не бьёт ребёнка, но не платит алименты.", "ru", "negated"),
    ("Күйеуім балаларды ешқашан ұрған емес.", "kk", "negated"),
    ("Три года назад отчим бил сына, сейчас всё хорошо.", "ru", "past"),
    ("Үш жыл бұрын өгей әкесі баланы ұрған, қазір бала қауіпсіз.", "kk", "past"),
    ("Какое наказание грозит за жестокое обращение с ребёнком по закону?", "ru", "legal_question"),
    ("Баланы ұрғаны үшін заң бойынша қандай жаза бар?", "kk", "legal_question"),
    ("Папам егер тағы 2 алсаң өлтіремін дейді, қалжыңдайды ғой.", "kk", "figure_of_speech"),
    ("Отец сказал, что убьёт его за двойку. Это шутка конечно, он добрый.", "ru", "figure_of_speech"),
    ("В прошлый четверг сына избили у гаражей, травмпункт, справка есть.", "ru", "past"),
    ("Сын ударился головой на физкультуре, всё обошлось, сотрясения нет.", "ru", "resolved"),
    ("Кеше балам жоғалып кетті деп қорқып қалдым. Табылды, аман.", "kk", "resolved"),
    ("Сын сбежал с уроков в пятницу, вечером пришёл домой как обычно.", "ru", "truancy"),
    ("Должник пропал без вести, ЧСИ не ищет.", "ru", "not_a_child"),
    ("Баламның құжаттары ЦОН-да жоғалып кетті.", "kk", "not_a_child"),
])
def test_negated_past_joking_resolved_and_not_child_hits_are_discounted(text: str, language: str, why: str) -> None:
    hits = find_rule_hits(text, language=language)
    assert hits, "the trigger word itself should still be found"
    assert counted(text, language) == []
    assert why in {hit.discounted for hit in hits}


@pytest.mark.parametrize(("text", "language", "reason"), [
    # the discounts above must not swallow a child who is gone now, or a danger that is back
    ("Домой так и не вернулся, на автовокзале никто не видел. Не знаю где искать.", "ru", "missing_child"),
    ("Дочь ушла с перемены, домой не пришла, телефон выключен.", "ru", "missing_child"),
    ("Кеше ұрып кетті, бүгін тағы ұрады деп қорқытады.", "kk", "violence"),
    ("Сказал, что если не допустят к экзаменам, он уйдёт из жизни.", "ru", "suicide"),
    ("За школой толпа старшеклассников пинают моего сына.", "ru", "violence"),
    ("Дети катаются на пруду, а там тонкий лёд.", "ru", "danger_to_life"),
    ("Сын 14 лет пропал вчера вечером.", "ru", "missing_child"),
    ("Бүгін түнде бәрін бітіремін деп жазды.", "kk", "suicide"),
    ("Ағамның досы маған тиіседі.", "kk", "sexual_abuse"),
    ("Құдықтың қақпағы жоқ, балалар сол жермен жүреді.", "kk", "danger_to_life"),
])
def test_round4_paraphrases_are_strong_triggers(text: str, language: str, reason: str) -> None:
    assert reason in {hit.reason for hit in counted(text, language) if not hit.weak}


@pytest.mark.parametrize(("text", "language"), [
    ("Дети двое суток одни дома, на улице минус 25.", "ru"),
    ("У дочери пропал доступ к Kundelik, пропали все оценки.", "ru"),
    ("Балалар жалғыз қалды, тамақ жоқ.", "kk"),
])
def test_ordinary_words_of_alarming_texts_are_only_weak_cues(text: str, language: str) -> None:
    hits = counted(text, language)
    assert hits and all(hit.weak for hit in hits)


def test_kazakh_negative_verb_form_is_not_a_trigger() -> None:
    assert counted("Әкесі баланы ұрмайды, бірақ алимент төлемейді.", "kk") == []


def test_recent_cue_keeps_a_past_sentence_urgent() -> None:
    assert counted("Год назад он бил сына, и сегодня опять бил.", "ru")


@pytest.mark.parametrize(("word", "expected"), [("Ұрады", "урады"), ("урады", "урады"), ("urady", "урады"),
                                                 ("өзін", "озин"), ("ёлка", "елка")])
def test_canonical_form_folds_scripts(word: str, expected: str) -> None:
    assert canonical(word) == expected
