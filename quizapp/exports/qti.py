"""IMS QTI 1.2 content package, what Canvas imports ("QTI .zip file"), built with ElementTree.

The package holds ``imsmanifest.xml`` and one assessment, ``<ident>/<ident>.xml``, in the shape
Canvas itself exports: each item names its Canvas question type in its metadata
(multiple_choice_question, true_false_question, short_answer_question, numerical_question,
matching_question), scores 100 for the right response, and shows the source passage's evidence
as its general feedback (an ``itemfeedback`` displayed whatever the response). Cloze questions
become short answer, who-said multiple choice, ordering a matching question (position -> item),
as in the Moodle exports. Texts are HTML (``texttype="text/html"``), article text escaped first.
"""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile

from ..grading import numeric_key
from .common import (
    ORDERING_INSTRUCTION,
    ExportQuestion,
    answer_items,
    escape_html,
    is_true,
    moodle_type_of,
    plain_number,
    source_html,
)
from .moodle_xml import _clean

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_SCHEMA = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Moodle's types (what every export writes by) as Canvas's question types.
CANVAS_TYPES = {
    "multichoice": "multiple_choice_question",
    "truefalse": "true_false_question",
    "shortanswer": "short_answer_question",
    "numerical": "numerical_question",
    "matching": "matching_question",
}


def to_qti_package(questions: list[ExportQuestion], title: str, ident: str) -> bytes:
    """The zip Canvas imports: a manifest and one QTI 1.2 assessment of ``questions``."""
    ident = _ident("a", ident)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _manifest(ident, title))
        archive.writestr(f"{ident}/{ident}.xml", to_qti_xml(questions, title, ident))
    return package.getvalue()


def to_qti_xml(questions: list[ExportQuestion], title: str, ident: str) -> str:
    """The QTI 1.2 ``questestinterop`` document: one assessment, one section, an item per question."""
    root = ET.Element("questestinterop", {"xmlns": QTI_NAMESPACE, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI_NAMESPACE} {QTI_SCHEMA}"})
    assessment = ET.SubElement(root, "assessment", ident=ident, title=_clean(title))
    metadata = ET.SubElement(assessment, "qtimetadata")
    _field(metadata, "cc_maxattempts", "1")
    section = ET.SubElement(assessment, "section", ident="root_section")
    for question in questions:
        _item(section, question)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _manifest(ident: str, title: str) -> str:
    manifest = ET.Element("manifest", {
        "identifier": f"{ident}_manifest", "xmlns": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
    })  # fmt: skip
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    resource = ET.SubElement(resources, "resource", identifier=ident, type="imsqti_xmlv1p2", href=f"{ident}/{ident}.xml")
    ET.SubElement(resource, "file", href=f"{ident}/{ident}.xml")
    ET.indent(manifest)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="unicode") + "\n"


def _ident(prefix: str, value: str) -> str:
    """An XML-safe identifier, stable for the same value (Canvas matches re-imports by it)."""
    return prefix + hashlib.sha1(value.encode()).hexdigest()[:16]


def _field(metadata: ET.Element, label: str, entry: str) -> None:
    field = ET.SubElement(metadata, "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = label
    ET.SubElement(field, "fieldentry").text = entry


def _material(parent: ET.Element, html: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype="text/html").text = _clean(html)


def _item(section: ET.Element, question: ExportQuestion) -> None:
    moodle_type = moodle_type_of(question)
    item = ET.SubElement(section, "item", ident=_ident("i", question.id), title=_clean(question.id))
    metadata = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    _field(metadata, "question_type", CANVAS_TYPES[moodle_type])
    _field(metadata, "points_possible", "1.0")
    presentation = ET.SubElement(item, "presentation")
    prompt = question.prompt + (f" {ORDERING_INSTRUCTION}" if moodle_type == "matching" else "")
    _material(presentation, f"<p>{escape_html(prompt)}</p>")
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    # The evidence is shown whatever the answer: Canvas's "general feedback".
    general = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(general, "conditionvar"), "other")
    ET.SubElement(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")

    if moodle_type in ("multichoice", "truefalse"):
        choices = ["True", "False"] if moodle_type == "truefalse" else list(question.choices)
        right = ("True" if is_true(question.answer) else "False") if moodle_type == "truefalse" else question.answer
        response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality="Single")
        render = ET.SubElement(response, "render_choice")
        idents = {choice: f"c{index}" for index, choice in enumerate(choices, 1)}
        for choice in choices:
            _material(ET.SubElement(render, "response_label", ident=idents[choice]), escape_html(choice))
        _score(processing, [("varequal", idents[right])])
    elif moodle_type == "shortanswer":
        response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
        ET.SubElement(ET.SubElement(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        _score(processing, [("varequal", answer) for answer in (str(question.answer).strip(), *question.accepted)])
    elif moodle_type == "numerical":
        value, tolerance = numeric_key(str(question.answer)) or (0.0, 0.0)
        response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
        ET.SubElement(ET.SubElement(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
        within = ET.SubElement(ET.SubElement(ET.SubElement(condition, "conditionvar"), "or"), "and")
        ET.SubElement(within, "vargte", respident="response1").text = plain_number(value - tolerance)
        ET.SubElement(within, "varlte", respident="response1").text = plain_number(value + tolerance)
        ET.SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"
    else:  # matching: each position is a response, the items its choices
        items = answer_items(question)
        idents = {entry: f"m{index}" for index, entry in enumerate(items, 1)}
        for position in range(1, len(items) + 1):
            response = ET.SubElement(presentation, "response_lid", ident=f"response_{position}")
            _material(response, str(position))
            render = ET.SubElement(response, "render_choice")
            for choice in sorted(items):
                _material(ET.SubElement(render, "response_label", ident=idents[choice]), escape_html(choice))
        share = plain_number(round(100 / len(items), 2)) if items else "100"
        for position, entry in enumerate(items, 1):
            condition = ET.SubElement(processing, "respcondition")
            ET.SubElement(ET.SubElement(condition, "conditionvar"), "varequal", respident=f"response_{position}").text = idents[entry]
            ET.SubElement(condition, "setvar", varname="SCORE", action="Add").text = share

    feedback = ET.SubElement(item, "itemfeedback", ident="general_fb")
    _material(ET.SubElement(feedback, "flow_mat"), f"<p>{source_html(question)}</p>")


def _score(processing: ET.Element, conditions: list[tuple[str, str]]) -> None:
    """Score 100 when the response equals the key or any accepted answer."""
    condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
    conditionvar = ET.SubElement(condition, "conditionvar")
    if len(conditions) > 1:
        conditionvar = ET.SubElement(conditionvar, "or")
    for tag, value in conditions:
        ET.SubElement(conditionvar, tag, respident="response1").text = _clean(value)
    ET.SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"
