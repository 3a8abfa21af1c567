"""The security checks of `make lint`: bandit clean on boutique/, no known-vulnerable pin in the lock file,
and both checks really fail when there is something to find."""

import re
import subprocess
import sys

import pytest

from scripts import security_checks
from tests.live_server import ROOT, free_port

SCRIPT = ROOT / "scripts" / "security_checks.py"
LOCK = ROOT / "requirements.lock"


def test_bandit_finds_nothing_in_boutique():
    outcome = security_checks.run_bandit(ROOT / "boutique")
    assert outcome.ok, "\n".join(outcome.lines)
    assert not [line for line in outcome.lines if "stale exception" in line]


def test_bandit_check_fails_on_a_shell_injection(tmp_path):
    (tmp_path / "bad.py").write_text("import subprocess\n\ndef run(cmd):\n"
                                     "    return subprocess.call(cmd, shell=True)\n")
    outcome = security_checks.run_bandit(tmp_path, root=tmp_path)
    assert not outcome.ok
    assert any("bad.py:4: B602" in line for line in outcome.lines), outcome.lines


def test_every_nosec_in_boutique_names_its_test_and_says_why():
    annotations = []
    for path in sorted((ROOT / "boutique").rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "nosec" in line:
                annotations.append((f"{path.relative_to(ROOT)}:{number}", line))
    assert annotations, "bandit's exceptions are expected as # nosec annotations"
    unexplained = [where for where, line in annotations
                   if not re.search(r"# nosec B\d{3}(,B\d{3})*  # \w.{8,}", line)]
    assert not unexplained


def test_lock_file_has_no_pin_in_the_offline_advisory_database():
    outcome = security_checks.run_audit(LOCK, offline=True)
    assert outcome.ok, "\n".join(outcome.lines)
    assert any(re.search(r"\d+ pins, 0 known", line) for line in outcome.lines), outcome.lines


def test_a_known_vulnerable_pin_fails_the_audit(tmp_path):
    requirements = tmp_path / "requirements.lock"
    requirements.write_text("flask==3.1.3\njinja2==2.10  # CVE-2020-28493 (ReDoS in urlize), fixed in 2.11.3\n")
    outcome = security_checks.run_audit(requirements, offline=True)
    assert not outcome.ok
    assert any(line.startswith("jinja2==2.10:") and "CVE-2020-28493" in line for line in outcome.lines), \
        outcome.lines
    assert not any(line.startswith("flask==") for line in outcome.lines)


def test_an_unreachable_advisory_service_falls_back_offline_loudly_and_still_fails(tmp_path):
    requirements = tmp_path / "requirements.lock"
    requirements.write_text("jinja2==2.10\n")
    closed = f"http://127.0.0.1:{free_port()}/v1/query"  # nothing listens there
    result = subprocess.run([sys.executable, str(SCRIPT), "audit", "--requirements", str(requirements),
                             "--service", "osv", "--osv-url", closed],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Online audit unavailable" in result.stdout and "NOT covered" in result.stdout
    assert "security checks: FAILED" in result.stdout


def test_pins_are_read_from_lock_files_with_markers_hashes_and_comments(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# comment\nFlask==3.1.3 \\\n    --hash=sha256:abc\n"
                            "tomli==2.5.0 ; python_version < '3.11'\nrequests[socks]==2.32.0\n-e .\npytest>=8\n")
    assert security_checks.read_pins(requirements) == [("Flask", "3.1.3"), ("tomli", "2.5.0"),
                                                       ("requests", "2.32.0")]


def test_pip_audit_verdict_on_the_lock_file_when_the_service_answers():
    if not security_checks.pip_audit_answers("pypi", None, timeout=60):
        pytest.skip("pip-audit's PyPI service does not answer from here (no per-version JSON): "
                    "the offline advisory database stands in, see the tests above")
    outcome = security_checks.run_audit(LOCK)
    assert outcome.ok, "\n".join(outcome.lines)
