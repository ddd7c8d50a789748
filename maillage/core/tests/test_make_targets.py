"""`make demo` and `make test`: they check the machine first; the demo serves this machine only."""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

SCRIPTS = settings.BASE_DIR / "scripts"


def test_demo_server_listens_on_this_machine_only():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    served = re.findall(r"runserver (\S+)", makefile)
    assert served == ["127.0.0.1:$(PORT)"]


def test_test_command_checks_the_machine_before_anything_else():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert re.search(r"^test: prerequisites ", makefile, re.MULTILINE)


def run_check(tmp_path: Path, *, chromium: str) -> subprocess.CompletedProcess:
    """The check as an ordinary user would run it, with Chromium looked for at ``chromium``."""
    script = (SCRIPTS / "check-prerequisites").read_text()
    script = re.sub(r"^CHROMIUM=.*$", f"CHROMIUM={chromium}", script, flags=re.MULTILINE)
    (tmp_path / "check-prerequisites").write_text(script)
    shutil.copy(SCRIPTS / "find-python", tmp_path / "find-python")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")  # not root: nothing is installed
    for path in (tmp_path / "check-prerequisites", tmp_path / "find-python", bin_dir / "id"):
        path.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    database = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return subprocess.run(  # noqa: S603 - our own script
        [tmp_path / "check-prerequisites", "test", database],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def test_a_machine_without_chromium_is_told_in_one_line_what_to_install(tmp_path):
    result = run_check(tmp_path, chromium=str(tmp_path / "no-chromium"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Chromium" in lines[0] and "apt-get install" in lines[0] and "chromium" in lines[0]
