"""A task's own words come first on the pages: the opening clause every task repeats
("Chủ trì, phối hợp với các sở, ban, ngành …") is set apart, nothing of the text is lost."""

from __future__ import annotations

from pathlib import Path

from api.pages.nodes.parts import own_words
from loaders.extract import load_plan

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def test_the_opening_clause_is_set_apart_and_the_text_kept_whole() -> None:
    tasks = [task for path in sorted(SAMPLES.iterdir()) for task in load_plan(path).tasks]
    opened = [task for task in tasks if task.text.startswith(("Chủ trì", "Phối hợp"))]
    assert opened
    split = 0
    for task in opened:
        words, opening = own_words(task.text)
        flat = " ".join(task.text.split())
        if opening is None:
            assert words == flat
            continue
        split += 1
        assert opening.startswith(("Chủ trì", "Phối hợp"))
        assert len(words) < len(flat)
        assert flat.lower().endswith(words.lower())
        assert flat.lower().startswith(opening.lower())
    assert split >= len(opened) // 2
    plain = [task for task in tasks if not task.text.startswith(("Chủ trì", "Phối hợp"))]
    assert all(own_words(task.text) == (" ".join(task.text.split()), None) for task in plain)


def test_the_dong_thap_plastics_task_reads_from_its_verb() -> None:
    record = load_plan(SAMPLES / "dong-thap_kh-sxtdbv-2023.txt")
    task = next(t for t in record.tasks if "túi ni-" in t.text and t.text.startswith("Chủ trì"))
    words, opening = own_words(task.text)
    assert words.startswith("Tuyên truyền, phổ biến hạn chế sử dụng các sản phẩm nhựa")
    assert opening is not None and opening.startswith("Chủ trì, phối hợp với các sở, ban, ngành")
