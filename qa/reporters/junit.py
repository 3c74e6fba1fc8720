"""JUnit XML: one test case per file, failing when it has findings at or above --fail-on."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO
from xml.etree import ElementTree

if TYPE_CHECKING:
    from qa.engine import Report


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    suite = ElementTree.Element("testsuite", name="qa")
    failures = errors = 0
    for result in report.files:
        case = ElementTree.SubElement(suite, "testcase", classname="qa", name=result.path)
        if result.error:
            errors += 1
            ElementTree.SubElement(case, "error", message=result.error, type="input-error").text = result.error
            continue
        failing = [f for f in result.findings if f.severity >= report.fail_on]
        lines = "\n".join(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}" for f in result.findings)
        if failing:
            failures += 1
            message = f"{len(failing)} finding{'s' if len(failing) != 1 else ''} at or above {report.fail_on}"
            ElementTree.SubElement(case, "failure", message=message, type="qa").text = lines
        elif lines:
            ElementTree.SubElement(case, "system-out").text = lines
    suite.set("tests", str(len(report.files)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suites = ElementTree.Element("testsuites", name="qa", tests=str(len(report.files)))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    suites.append(suite)
    ElementTree.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suites, encoding="unicode"))
    stream.write("\n")
