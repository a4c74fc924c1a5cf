"""The QTI 1.2 export (Canvas's "QTI .zip file"): valid against IMS's published QTI 1.2.1 DTD,
scored as the question is, with the evidence in each question's feedback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from quizapp.exports.qti import QTI_NAMESPACE, to_qti_package

from .test_exports import QUESTIONS, make_question

lxml = pytest.importorskip("lxml.etree")
DTD = Path(__file__).resolve().parent / "schemas" / "ims_qtiasiv1p2p1.dtd"
NUMERIC = make_question("q6", "numeric", "How many passengers did the train carry? (a number)", [], "75 ± 5")


def package(questions=None) -> tuple[dict[str, bytes], "lxml._Element"]:
    data = to_qti_package(questions or QUESTIONS + [NUMERIC], title="Engines & <Analysis>", ident="quizapp-quiz-7")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    manifest = lxml.fromstring(files["imsmanifest.xml"])
    [resource] = manifest.iter("{*}resource")
    assert resource.get("type") == "imsqti_xmlv1p2" and resource.get("href") in files
    return files, lxml.fromstring(files[resource.get("href")])


def test_the_assessment_is_valid_against_the_qti_1_2_1_dtd():
    _, document = package()
    assert document.tag == f"{{{QTI_NAMESPACE}}}questestinterop"
    # The DTD predates namespaces: validate the same document with its namespace declarations dropped.
    text = lxml.tostring(document).decode()
    plain = lxml.fromstring(text.replace(f' xmlns="{QTI_NAMESPACE}"', "").replace(' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', "")
                            .replace(f' xsi:schemaLocation="{QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"', ""))
    dtd = lxml.DTD(str(DTD))
    assert dtd.validate(plain), dtd.error_log.filter_from_errors()
    assert len(plain.findall(".//item")) == 6


def test_a_broken_document_fails_the_dtd_so_the_check_can_fail():
    _, document = package()
    text = lxml.tostring(document).decode().replace(f' xmlns="{QTI_NAMESPACE}"', "")
    text = text.replace("<resprocessing>", "<resprocessing><bogus/>", 1)
    plain = lxml.fromstring(text.replace(' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', "").replace(
        f' xsi:schemaLocation="{QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"', ""))
    assert not lxml.DTD(str(DTD)).validate(plain)


def items_by_title(document) -> dict:
    return {item.get("title"): item for item in document.iter(f"{{{QTI_NAMESPACE}}}item")}


def question_type(item) -> str:
    fields = {f.findtext(f"{{{QTI_NAMESPACE}}}fieldlabel"): f.findtext(f"{{{QTI_NAMESPACE}}}fieldentry") for f in item.iter(f"{{{QTI_NAMESPACE}}}qtimetadatafield")}
    return fields["question_type"]


def test_each_item_is_scored_as_its_question_and_carries_its_evidence():
    _, document = package()
    ns = {"q": QTI_NAMESPACE}
    items = items_by_title(document)
    assert {title: question_type(item) for title, item in items.items()} == {
        "q1": "multiple_choice_question", "q2": "short_answer_question", "q3": "true_false_question",
        "q4": "multiple_choice_question", "q5": "matching_question", "q6": "numerical_question",
    }
    # Multiple choice: the label scored 100 is the right answer's.
    q1 = items["q1"]
    labels = {label.get("ident"): label.findtext(".//q:mattext", namespaces=ns) for label in q1.iterfind(".//q:response_label", ns)}
    scored = q1.xpath(".//q:respcondition[q:setvar='100']/q:conditionvar/q:varequal/text()", namespaces=ns)
    assert [labels[ident] for ident in scored] == ["a-&gt;b"]  # escaped HTML of "a->b"
    assert q1.findtext(".//q:presentation//q:mattext", namespaces=ns) == "<p>What is {x}: a = b ~ c # d?</p>"
    # Short answer and true/false.
    assert items["q2"].xpath(".//q:varequal/text()", namespaces=ns) == ["Babbage"]
    q3_labels = {label.get("ident"): label.findtext(".//q:mattext", namespaces=ns) for label in items["q3"].iterfind(".//q:response_label", ns)}
    assert [q3_labels[i] for i in items["q3"].xpath(".//q:varequal/text()", namespaces=ns)] == ["True"]
    # Numeric: right within the key's tolerance.
    assert items["q6"].xpath(".//q:vargte/text()", namespaces=ns) == ["70"] and items["q6"].xpath(".//q:varlte/text()", namespaces=ns) == ["80"]
    # Ordering: each position's right item, a share of the score each.
    q5 = items["q5"]
    positions = q5.xpath(".//q:respcondition/q:conditionvar/q:varequal", namespaces=ns)
    names = {label.get("ident"): label.findtext(".//q:mattext", namespaces=ns) for label in q5.iterfind(".//q:response_lid[1]//q:response_label", ns)}
    assert [(v.get("respident"), names[v.text]) for v in positions] == [("response_1", "born"), ("response_2", "wrote"), ("response_3", "died")]
    # Every item's general feedback quotes the evidence, escaped, and links to the passage (never a javascript: link).
    for title, item in items.items():
        feedback = item.findtext(".//q:itemfeedback//q:mattext", namespaces=ns)
        assert "“Ada said: &lt;script&gt;alert('x')&lt;/script&gt;”" in feedback, title
        assert "javascript" not in feedback


def test_the_teacher_downloads_a_quiz_as_a_qti_package(app, client):
    from quizapp.models import Role

    from .conftest import log_in, make_quiz, make_user

    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
        quiz = make_quiz()
        quiz_id = quiz.id
    log_in(client, "mrs_t")
    response = client.get(f"/teach/quizzes/{quiz_id}/export.qti")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "curie-quiz" in response.headers["Content-Disposition"] and ".qti.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        [assessment] = [name for name in archive.namelist() if name != "imsmanifest.xml"]
        document = lxml.fromstring(archive.read(assessment))
    assert len(list(document.iter(f"{{{QTI_NAMESPACE}}}item"))) == 4
    assert "Warsaw" in lxml.tostring(document, encoding="unicode")
