"""Language detection on real sentences and headlines from the corpora."""

from __future__ import annotations

import pytest

from analysis.language import detect_language


@pytest.mark.parametrize("text, language", [
    ("Ukraine should accept the fact that it will not become a NATO member in 2024, Goncharenko said.", "en"),
    ("Ukraine invasion: Caernarfon stages solidarity rally", "en"),            # fr without the prior
    ("Russia-Ukraine latest updates: Zelenskyy slams Vinnytsia attack", "en"),  # sv without the prior
    ("Hungarians protest Ukraine invasion, Russian bank in Budapest", "en"),    # da without the prior
    ("Если лидеры стран НАТО наблюдали за событиями 24 июня с беспокойством, то для СМИ это стало отдушиной.", "ru"),
    ("Зведення за добу: ППО України збили літак та дев’ять безпілотників", "uk"),
    ("Le président a déclaré que la situation restait très grave dans la région.", "fr"),
    ("Die Bundesregierung will die Gasimporte aus Russland bis zum Jahresende deutlich senken.", "de"),
    ("أمر البيت الأبيض بتدمير التيارات الشمالية لمعاقبة الألمان وإنقاذ أنفسهم", "ar"),
    ("这火焰已经烧得很旺，以至于最终蒙蔽了德国的政治家们", "zh"),
])
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12:30 — 2023", "OK"])
def test_too_little_text_is_undetermined(text):
    assert detect_language(text) == "und"
