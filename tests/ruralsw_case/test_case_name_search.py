# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from ruralsw_case.services import name_search


def test_chinese_name_gives_consecutive_pairs():
    assert name_search.bigrams("王秀英") == ["王秀", "秀英"]


def test_latin_names_are_lowered_and_compacted():
    assert name_search.bigrams("Li Wei") == ["li", "iw", "we", "ei"]


def test_repeated_pairs_are_kept_once():
    assert name_search.bigrams("哈哈哈") == ["哈哈"]


def test_short_or_empty_text_has_no_pieces():
    assert name_search.bigrams("王") == []
    assert name_search.bigrams("") == []
    assert name_search.bigrams(None) == []
    assert name_search.bigram_column("王") is None


def test_stored_column_delimits_each_piece():
    column = name_search.bigram_column("王秀英")
    assert column == " 王秀 秀英 "
    # a search for 秀英 matches, a piece spanning two stored ones does not
    assert " 秀英 " in column
    assert " 秀 " not in column


def test_every_piece_of_a_query_is_in_the_name_it_matches():
    name = name_search.bigram_column("欧阳娜娜")
    for piece in name_search.bigrams("阳娜娜"):
        assert f" {piece} " in name
