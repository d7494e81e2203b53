"""The one language table: every key in every language, Chinese punctuation, and no English on a
`--lang zh` quiz, review or stats screen (read from a real terminal)."""

from __future__ import annotations

import io
import os
import re
import string
import sys
from pathlib import Path

import pytest

import rnnquiz
from rnnquiz import i18n

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_key_has_every_language_with_the_same_fields(key: str) -> None:
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGS), key
    fields = {lang: {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in i18n.LANGS}
    assert all(entry[lang] or key.endswith(".done") for lang in i18n.LANGS), key
    assert len({frozenset(v) for v in fields.values()}) == 1, (key, fields)


@pytest.mark.parametrize("key", sorted(k for k, v in i18n.STRINGS.items() if CJK.search(v.get("zh", ""))))
def test_chinese_labels_take_full_width_punctuation(key: str) -> None:
    zh = i18n.STRINGS[key]["zh"]
    # a half-width colon, comma, semicolon or parenthesis right after a Chinese character
    assert not re.search(r"[\u4e00-\u9fff][:;,(]", zh), (key, zh)
    assert not re.search(r"[\u4e00-\u9fff]\)", zh), (key, zh)


def test_one_table_and_one_langs() -> None:
    package = ROOT / "rnnquiz"
    mine = ["render/question.py", "render/session.py", "render/review.py", "render/stats.py", "render/bank.py",
            "commands/driver.py", "commands/review.py", "commands/quiz.py"]  # fmt: skip
    for name in mine:
        text = (package / name).read_text(encoding="utf-8")
        assert "LABELS = {" not in text and "def _t(" not in text, name
    defined = [p.relative_to(package).as_posix() for p in package.rglob("*.py")
               if re.search(r"^LANGS\s*=", p.read_text(encoding="utf-8"), re.M)]  # fmt: skip
    assert defined == ["i18n.py"]


def test_lookup_falls_back_and_fills_fields() -> None:
    assert i18n.t("review.saved", "zh", n=2, again=1) == "已保存 2 次复习（1 次重来）。"
    assert i18n.t("rating.1", "en") == "Again"


# --- a Chinese session in a terminal ----------------------------------------------------------------


def _allowed_words() -> set[str]:
    """ASCII words a Chinese screen may show: those of the Chinese bank text itself (LSTM, tanh, W_hh …),
    ids and topics, and the commands the screens suggest."""
    from rnnquiz.bank.load import load_catalog

    cat = load_catalog([])
    words: set[str] = {"rnnquiz", "show", "prove", "quiz", "missed", "review", "topic", "seed", "doctor", "repair",
                       "export", "history", "json", "lang"}  # fmt: skip

    def walk(value: object, zh: bool) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, zh or k == "zh")
        elif isinstance(value, list):
            for v in value:
                walk(v, zh)
        elif isinstance(value, str) and zh:
            words.update(re.findall(r"[A-Za-z][A-Za-z_]+", value))

    for q in cat.questions.values():
        walk(q.data, False)
        words.update(re.findall(r"[A-Za-z]+", q.id))
        words.add(q.topic)
        words.update(q.claims)
    for claim in cat.claims.values():
        words.update(re.findall(r"[A-Za-z][A-Za-z_]+", claim.title.get("zh") or ""))
    return words


def _spawn(home: Path, *args: str):
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "RNNQUIZ_HOME": str(home), "RNNQUIZ_NOW": "2026-03-01T09:00:00+00:00", "TZ": "UTC",
           "PYTHONPATH": str(Path(rnnquiz.__file__).resolve().parents[1]), "NO_COLOR": "1"}  # fmt: skip
    log = io.StringIO()
    child = pexpect.spawn(sys.executable, ["-m", "rnnquiz", *args, "--lang", "zh"], env=env, encoding="utf-8",
                          timeout=30, cwd=str(home.parent), dimensions=(50, 100))  # fmt: skip
    child.logfile_read = log
    return pexpect, child, log


def _english(screen: str) -> list[str]:
    allowed = _allowed_words()
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)  # styles (NO_COLOR keeps bold and dim)
    return sorted({w for w in re.findall(r"[A-Za-z][A-Za-z_]+", screen) if w not in allowed})


def _drive(pexpect, child, steps: dict[str, str], end: str, limit: int = 40) -> None:
    patterns = [*steps, end]
    for _ in range(limit):
        k = child.expect(patterns)
        if patterns[k] == end:
            break
        child.send(steps[patterns[k]])
    child.expect(pexpect.EOF)
    child.close()


def test_a_chinese_review_and_quiz_and_stats_show_no_english(tmp_path: Path) -> None:
    home = tmp_path / "home"
    pexpect, child, log = _spawn(home, "review", "--topic", "rnn", "--limit", "4")
    _drive(pexpect, child, {
        "回车/空格 揭晓": " ",          # a flashcard: reveal
        "（回车 = 3）": "3",            # a rating key
        "输入答案后回车": "?\r",        # a graded question: skipped, not rated
    }, "已保存")  # fmt: skip
    review = log.getvalue()
    assert "已保存" in review
    pexpect, child, log = _spawn(home, "quiz", "--topic", "rnn", "-n", "3", "--seed", "2")
    # graded answers are skipped: the grading notes (rnnquiz/bank/grade.py) are not in the table yet
    _drive(pexpect, child, {"回车/空格 揭晓": " ", "你会吗": "y", "输入答案后回车": "?\r", r"\[回车 下一题": "\r"}, "得分：")
    quiz = log.getvalue()
    pexpect, child, log = _spawn(home, "stats", "--topic", "rnn")
    child.expect(pexpect.EOF)
    child.close()
    stats = log.getvalue()
    for name, screen in (("review", review), ("quiz", quiz), ("stats", stats)):
        assert _english(screen) == [], (name, _english(screen), screen[-1500:])


# Words a Chinese screen outside the quiz may show besides the bank's: setting names and values, file
# formats, and the names of Anki's own menus and note types (Anki shows them so in a Chinese profile too).
_OTHER_ALLOWED = {"lang", "en", "zh", "new_per_day", "reviews_per_day", "retention", "rollover_hour", "deadline", "banks",
                  "none", "FSRS", "YYYY", "MM", "DD", "bank", "RNNQUIZ_BANKS", "tsv", "apkg", "csv", "xml", "format",
                  "out", "Anki", "Basic", "Cloze", "type", "in", "the", "answer", "Import", "any", "learning",
                  "progress", "anki", "import", "drill", "drills"}  # fmt: skip  (rnnquiz drill, --topic drills: commands)
_UNIT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:m|h|d|mo|y|s)\b")  # 1m, 10m, 1d, 2.1mo: English interval units


def _run_zh(home: Path, *args: str, steps: dict[str, str] | None = None) -> str:
    """One command at a real terminal, in Chinese by the lang setting (RNNQUIZ_LANG: commands without --lang);
    `steps`: what to type at each prompt (pattern -> keys), until the end of output."""
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "RNNQUIZ_HOME": str(home), "RNNQUIZ_LANG": "zh", "RNNQUIZ_NOW": "2026-03-01T09:00:00+00:00",
           "TZ": "UTC", "PYTHONPATH": str(Path(rnnquiz.__file__).resolve().parents[1]), "NO_COLOR": "1"}  # fmt: skip
    log = io.StringIO()
    child = pexpect.spawn(sys.executable, ["-m", "rnnquiz", *args], env=env, encoding="utf-8", timeout=30,
                          cwd=str(home.parent), dimensions=(50, 100))  # fmt: skip
    child.logfile_read = log
    patterns = [*(steps or {}), pexpect.EOF]
    for _ in range(20):
        k = child.expect(patterns)
        if patterns[k] is pexpect.EOF:
            break
        child.send((steps or {})[patterns[k]])
    child.close()
    return log.getvalue()


def test_chinese_topics_config_export_and_hints_show_no_english(tmp_path: Path) -> None:
    """The screens a newcomer found English in under `--lang zh`: topics table, config, export and import
    messages (success and error), the true/false re-prompt, a numeric answer, interval units."""
    home = tmp_path / "home"
    out = tmp_path / "out"
    out.mkdir()
    screens = {
        "topics": _run_zh(home, "topics"),
        "config": _run_zh(home, "config"),
        "export tsv": _run_zh(home, "export", "tsv", "-o", str(out / "a.tsv")),
        "export anki": _run_zh(home, "export", "anki", "-o", str(out / "a.apkg")),
        "export anki -": _run_zh(home, "export", "anki", "-o", "-"),
        "export history": _run_zh(home, "export", "history", "-o", str(out / "h.json")),
        "export history xml": _run_zh(home, "export", "history", "-o", str(out / "h.x"), "-f", "xml"),
        "import history": _run_zh(home, "import", "history", str(out / "h.json")),
        "truefalse": _run_zh(home, "quiz", "--lang", "zh", "--type", "truefalse", "-n", "1", "--seed", "1",
                             steps={"q 退出[^\n]*\n> $": "x\r", "请答 对 或 错[^\n]*\n[^>]*> $": "t\r", r"\[回车 下一题": "\r"}),  # fmt: skip
        "numeric": _run_zh(home, "quiz", "--lang", "zh", "--type", "numeric", "-n", "1", "--seed", "1",
                           steps={"q 退出[^\n]*\n> $": "7\r", r"\[回车 下一题": "\r"}),  # fmt: skip
        "review": _run_zh(home, "review", "--lang", "zh", "--topic", "rnn", "--limit", "3",
                          steps={"回车/空格 揭晓": " ", "（回车 = 3）": "3", "输入答案后回车": "?\r"}),  # fmt: skip
        "due": _run_zh(home, "due", "--lang", "zh"),
    }
    assert "请答 对 或 错" in screens["truefalse"], screens["truefalse"][-800:]
    assert "分钟" in screens["review"] or "天" in screens["review"], screens["review"][-800:]
    assert "主题" in screens["topics"] and "默认" in screens["config"] and "已把" in screens["export tsv"]
    allowed = _allowed_words() | _OTHER_ALLOWED
    for name, screen in screens.items():
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
        text = re.sub(r"\S*/\S*", " ", text)  # paths and commands' file arguments
        english = sorted({w for w in re.findall(r"[A-Za-z][A-Za-z_]+", text) if w not in allowed})
        assert english == [], (name, english, text[-1500:])
        if name in ("review", "due"):  # elsewhere "3h" is bank text: 3h(d + h + 1) parameters
            assert not _UNIT.findall(text), (name, _UNIT.findall(text), text[-1500:])


def _english_words(screen: str) -> list[str]:
    allowed = _allowed_words() | _OTHER_ALLOWED
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    text = re.sub(r"`[^`\n]*`", " ", text)  # commands to type, in backticks
    text = re.sub(r"\S*/\S*", " ", text)  # paths and commands' file arguments
    return sorted({w for w in re.findall(r"[A-Za-z][A-Za-z_]+", text) if w not in allowed})


def test_chinese_worked_formulas_of_drawn_numbers_show_no_english(tmp_path: Path) -> None:
    """A numeric question with drawn numbers explains its answer in the session's language (newcomer 3:
    "one-to-one: outputs (steps, B, q) = …" on a Chinese screen), in the quiz and in `show`."""
    home = tmp_path / "home"
    screens = {
        "pattern": _run_zh(home, "quiz", "--tag", "io-patterns", "--type", "numeric", "-n", "1", "--seed", "1",
                           steps={"q 退出[^\n]*\n> $": "7\r", r"\[回车 下一题": "\r"}),  # fmt: skip
        "output": _run_zh(home, "quiz", "--topic", "birnn", "--type", "numeric", "-n", "1", "--seed", "3",
                          steps={"q 退出[^\n]*\n> $": "1\r", r"\[回车 下一题": "\r"}),  # fmt: skip
        # show: the answer line (its references keep their own English titles)
        "show": next(ln for ln in _run_zh(home, "show", "rnn-pattern-one-to-one").splitlines() if "算例" in ln),
    }
    assert "步数" in screens["pattern"] and "步数" in screens["show"], screens
    assert "第 " in screens["output"] and " 维 = " in screens["output"], screens["output"][-800:]
    for name, screen in screens.items():
        assert _english_words(screen) == [], (name, _english_words(screen), screen[-1500:])


def test_bank_commands_and_export_json_take_lang_zh(tmp_path: Path) -> None:
    """Newcomer 3: `bank list`, `bank new`, `bank add` and `export json` had no --lang."""
    home = tmp_path / "home"
    example = Path(__file__).parent / "data" / "good" / "example.yaml"
    screens = {
        "bank list": _run_zh(home, "bank", "list", "--lang", "zh"),
        "bank new": _run_zh(home, "bank", "new", "my-notes", "--lang", "zh"),
        "bank add": _run_zh(home, "bank", "add", str(example), "-l", "zh"),
        "bank add again": _run_zh(home, "bank", "add", str(example), "--lang", "zh"),
        "export json": _run_zh(home, "export", "json", "-o", str(tmp_path / "b.json"), "--lang", "zh"),
    }
    assert "题数" in screens["bank list"] and "已写入" in screens["bank new"] and "已添加" in screens["bank add"]
    assert "已被每个命令加载" in screens["bank add again"] and "道题写入" in screens["export json"], screens
    for name, screen in screens.items():
        english = [w for w in _english_words(screen) if w != "example"]  # the added bank's topic id
        assert english == [], (name, english, screen[-1500:])


_EXTRA_BANK = """topic: mine
title: {en: "Mine", zh: "我的"}
languages: [en, zh]
questions:
  - id: mine-extra
    type: typein
    claims: [extra]
    prompt: {en: "Which gate?", zh: "哪个门？"}
    accept: {en: ["forget gate"], zh: ["遗忘门"]}
    explanation: {en: "Because.", zh: "因为。"}
"""


def test_chinese_screens_name_the_extra_claim_and_types_in_chinese(tmp_path: Path) -> None:
    """Newcomer 3: the claim id "extra" stayed English on zh proof headers, `prove --list`, `show` and the
    quiz summary's most-missed list; the demo's footer said "explain 题"."""
    home = tmp_path / "home"
    bank = tmp_path / "mine.yaml"
    bank.write_text(_EXTRA_BANK, encoding="utf-8")
    screens = {
        "prove": _run_zh(home, "prove", "forget-bias", "--lang", "zh", "--no-charts"),
        "prove --list": _run_zh(home, "prove", "--list", "--lang", "zh"),
        "show": _run_zh(home, "show", "bptt-truncated-memory", "--lang", "zh"),
        "quiz": _run_zh(home, "quiz", "--bank", str(bank), "--topic", "mine", "-n", "1", "--seed", "1", "--lang", "zh",
                        steps={"> $": "错的\r", r"\[回车 下一题": "\r"}),  # fmt: skip
        "demo": _run_zh(home, "demo", "lstm", "--lang", "zh", steps={"q ": "q"}),
    }
    assert "文章外" in screens["prove"] and "文章外" in screens["prove --list"]
    assert "文章之外" in screens["show"]  # show gives the claim's title, which says it (review9-A 21: not the id too)
    assert "文章外 ×1" in screens["quiz"], screens["quiz"][-800:]
    assert "解释题" in screens["demo"], screens["demo"][-1500:]
    for name, screen in screens.items():
        assert not re.search(r"(?<![\w/-])extra(?![\w/-])", screen), (name, screen[-1500:])  # ids may hold it
        assert "explain 题" not in screen and "explain题" not in screen, (name, screen[-1500:])


def test_every_chinese_screen_names_a_type_as_the_one_table_does() -> None:
    """Newcomer 3: zh type names differed between screens (the demo had its own table; the interview says
    解释题). One source: the `type.*` keys; a zh string naming a type as "…题" uses that name."""
    from rnnquiz.bank.schema import TYPES
    from rnnquiz.i18n import STRINGS

    names = {STRINGS[f"type.{ty}"]["zh"] for ty in TYPES}
    assert len(names) == len(TYPES)
    assert STRINGS["type.explain"]["zh"] + "题" in STRINGS["interview.no_explain"]["zh"]
    package = Path(rnnquiz.__file__).resolve().parent
    for path in package.rglob("*.py"):
        if path.name != "i18n.py":
            assert "问答卡" not in path.read_text(encoding="utf-8") and "QTYPES" not in path.read_text(encoding="utf-8"), path
