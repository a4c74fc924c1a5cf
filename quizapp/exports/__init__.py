"""Exporters that take quiz questions out of quizapp: GIFT, Moodle XML, QTI (Canvas), Anki and CSV.

Pure Python (no Flask, no database): services turn models into ExportQuestion values and
views only send the result. Every exporter carries the question's evidence and a link to
its source passage, because an answer without its evidence is what quizapp exists to avoid.
"""

from .anki import to_anki_package
from .common import ExportQuestion
from .csv_tables import write_csv
from .gift import to_gift
from .moodle_xml import to_moodle_xml
from .qti import to_qti_package

__all__ = [
    "ExportQuestion",
    "to_anki_package",
    "to_gift",
    "to_moodle_xml",
    "to_qti_package",
    "write_csv",
]
