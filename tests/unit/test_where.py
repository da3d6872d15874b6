"""Compiling `where` filters: only the predicates given, values as parameters, fixed names."""

from __future__ import annotations

import pytest

from graph.cypher.where import WhereError, compile_where
from graph.model import Label


def test_only_the_operators_given_are_compiled_with_values_as_parameters() -> None:
    compiled = compile_where(
        Label.ISSUE, {"state": {"in": ["RECEIVED"]}, "reportedAt": {"gte": "2024"}}, "ADMIN"
    )
    assert compiled.text == "(n.state IN $w0 AND n.reportedAt >= $w1)"
    assert compiled.params == {"w0": ["RECEIVED"], "w1": "2024"}
    assert compiled.anchored
    assert "IS NULL OR" not in compiled.text


def test_the_same_shape_compiles_to_the_same_text_whatever_the_values() -> None:
    one = compile_where(Label.ISSUE, {"title": {"startsWith": "路灯"}}, "ADMIN")
    two = compile_where(Label.ISSUE, {"title": {"startsWith": "医保"}}, "ADMIN")
    assert one.text == two.text and one.params != two.params


def test_and_or_not_nest_and_anchor_as_their_logic_allows() -> None:
    where = {
        "OR": [{"state": {"eq": "RECEIVED"}}, {"channel": {"eq": "HOTLINE"}}],
        "NOT": {"title": {"contains": "测试"}},
    }
    compiled = compile_where(Label.ISSUE, where, "ADMIN")
    assert compiled.text == "((n.state = $w0 OR n.channel = $w1) AND NOT n.title CONTAINS $w2)"
    assert compiled.anchored
    half = {"OR": [{"state": {"eq": "RECEIVED"}}, {"title": {"contains": "路灯"}}]}
    assert not compile_where(Label.ISSUE, half, "ADMIN").anchored


def test_relationship_filters_are_existential_subqueries_with_the_row_rules() -> None:
    received, visits = {"state": {"eq": "RECEIVED"}}, {"channel": {"eq": "VISIT"}}
    where = {"assigned": {"some": received, "none": visits}}
    compiled = compile_where(Label.ORGANIZATION, where, "VIEWER")
    assert compiled.text.startswith("(EXISTS { MATCH (n)<-[:ASSIGNED_TO]-(m1:Issue) WHERE m1.state")
    # A VIEWER reads no issue: the related issues it may see are none.
    assert "false" in compiled.text and "NOT EXISTS { MATCH (n)<-[:ASSIGNED_TO]-(m2:Issue)" in (
        compiled.text
    )


def test_a_masked_name_cannot_be_matched_by_prefix() -> None:
    compiled = compile_where(Label.PERSON, {"name": {"startsWith": "王"}}, "OBSERVER")
    assert compiled.text.startswith("(n.name STARTS WITH $w0 AND NOT (")
    assert compile_where(Label.PERSON, {"name": {"startsWith": "王"}}, "ADMIN").text == (
        "n.name STARTS WITH $w0"
    )


@pytest.mark.parametrize(
    ("where", "path"),
    [
        ({"nope": {"eq": 1}}, "where.nope"),
        ({"state": {"lt": "RECEIVED"}}, "where.state.lt"),
        ({"title": {"contains": "路"}}, "where.title.contains"),
        ({"AND": []}, "where.AND"),
        ({"assignedTo": {"every": {}}}, "where.assignedTo.every"),
        ({"state": {}}, "where.state"),
    ],
)
def test_unknown_fields_operators_and_bad_values_are_refused_naming_where(
    where: dict[str, object], path: str
) -> None:
    with pytest.raises(WhereError) as refused:
        compile_where(Label.ISSUE, where, "ADMIN")
    assert refused.value.path == path


def test_nesting_and_values_are_bounded() -> None:
    deep: dict[str, object] = {"key": {"eq": "x"}}
    for _ in range(6):
        deep = {"within": {"some": deep}}
    with pytest.raises(WhereError):
        compile_where(Label.AREA, deep, "ADMIN")
    many = {"OR": [{"key": {"eq": str(n)}} for n in range(40)]}
    with pytest.raises(WhereError):
        compile_where(Label.AREA, many, "ADMIN")


def test_field_work_labels_filter_their_properties_and_relations() -> None:
    where = {
        "status": {"eq": "DONE"},
        "attendees": {"some": {"name": {"startsWith": "王"}}},
        "group": {"none": {"name": {"eq": "一组"}}},
    }
    compiled = compile_where(Label.VISIT, where, "OBSERVER")
    assert compiled.text.startswith(
        "(n.status = $w0 AND EXISTS { MATCH (n)-[:ATTENDED_BY]->(m1:Person) WHERE"
    )
    # An attendee's name is matched only where the reader is shown it whole.
    assert "m1.name STARTS WITH $w1 AND NOT (('RESIDENT' IN coalesce(m1.roles, [])" in compiled.text
    assert "NOT EXISTS { MATCH (n)-[:CONDUCTED_BY]->(m2:VisitGroup) WHERE m2.name = $w2 }" in (
        compiled.text
    )
    assert not compiled.anchored
    assert compile_where(Label.OBSERVATION, {"indicator": {"eq": "x"}}, "ADMIN").anchored


def test_overdue_issues_take_a_where_on_their_own_variable() -> None:
    from graph.cypher.overdue import overdue_page

    compiled = compile_where(Label.ISSUE, {"channel": {"eq": "VISIT"}}, "COORDINATOR", "i")
    statement = overdue_page(False, True, "COORDINATOR", compiled.text)
    assert "AND i.channel = $w0" in statement
    assert "{where}" not in statement and "{visible}" not in statement
