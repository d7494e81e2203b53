"""Key prompts at a terminal (rnnquiz.render.prompt)."""



def test_a_key_prompt_is_folded_at_spaces_to_the_terminal_width() -> None:
    """Newcomer round 5 #8: at 60 columns the terminal cut "does yours say the same? p / ress y or n"."""
    from rnnquiz.i18n import t
    from rnnquiz.render.prompt import fold

    text = t("key.same", "en") + " "
    folded = fold(text, 60)
    assert folded.replace("\n", " ") == text and folded.endswith(" ")
    assert all(len(line) <= 59 for line in folded.split("\n")) and "\n" in folded
    assert {w for line in folded.split("\n") for w in line.split()} == set(text.split())  # no word cut
    assert fold(text, 200) == text  # a wide terminal: one line, as written
    zh = t("key.same", "zh") + " "
    assert fold(zh, 200) == zh and fold(zh, 40).replace("\n", " ") == zh
