"""Arabic letters joined for the PDF (advisor/report/visual.py `_shaped`): a word at a time for plain names (each
word shaped once), the whole text otherwise, and never a failure of arabic-reshaper taking the document down.
Expected forms by hand from the Unicode joining rules (presentation forms B)."""

from __future__ import annotations

from advisor.report import visual

BRANCH = "\u0641\u0631\u0639"  # فرع: feh, reh, ain
# feh initial (FED3), reh final (FEAE, joined to the feh), ain isolated (FEC9: reh never joins the letter after it)
BRANCH_SHAPED = "\ufed3\ufeae\ufec9"


def test_a_plain_name_is_shaped_word_by_word_as_the_whole_text_would_be():
    visual._shaped.memo.cache_clear()
    assert visual._shaped(f"{BRANCH} 12") == f"{BRANCH_SHAPED} 12"
    text = f"HQ \u2013 {BRANCH} {BRANCH} (12)"
    assert visual._shaped(text) == visual._reshaper().reshape(text) == f"HQ \u2013 {BRANCH_SHAPED} {BRANCH_SHAPED} (12)"


def test_a_thousand_branch_names_shape_their_word_once(monkeypatch):
    visual._shaped.memo.cache_clear()
    visual._shaped_word.memo.cache_clear()
    calls = []
    real = visual._reshaper()

    class Counting:
        def reshape(self, text):
            calls.append(text)
            return real.reshape(text)

    monkeypatch.setattr(visual, "_reshaper", lambda ligatures=True: Counting())
    names = [visual._shaped(f"{BRANCH} {i}") for i in range(1000)]
    assert names[7] == f"{BRANCH_SHAPED} 7"
    assert calls == [BRANCH]


def test_a_text_the_reshaper_fails_on_is_still_shaped():
    # arabic-reshaper 3.0 raises IndexError on a joiner before the ligature of الله after another word
    text = "\u062b\u0638\u0644\u0625 \u200d\u0627\u0644\u0644\u0647"
    try:
        visual._reshaper().reshape(text)
    except IndexError:
        pass  # (the library's defect; a later release may mend it)
    from arabic_reshaper import ArabicReshaper

    # shaped without ligatures: its letters joined, the word الله as four letters (alef, lam, lam, heh)
    plain = ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": False}).reshape(text)
    assert visual.joined(text) == plain
    assert "\ufedf" in plain and "\ufeea" in plain  # lam initial, heh final: joined forms, not the letters as typed
    assert visual.visual(text)  # and drawn: no failure
