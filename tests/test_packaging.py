"""A plain install speaks Swedish: the wheel carries the compiled catalogs (and the templates, static files,
fonts and migrations), and a throwaway venv with only the wheel installed renders the sign-in page in Swedish."""

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "boutique", "templates", "static", "migrations")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """``pip wheel`` of a copy of the checkout without any compiled catalog (as a fresh clone has it)."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "src"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    assert not list(source.glob("**/*.mo"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder / "dist"),
                           str(source)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    [built] = (folder / "dist").glob("boutique-*.whl")
    return built


def test_the_wheel_carries_every_compiled_catalog_and_what_the_app_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    catalogs = sorted(str(po.relative_to(ROOT).with_suffix(".mo"))
                      for po in (ROOT / "boutique").glob("**/translations/sv/LC_MESSAGES/messages.po"))
    assert len(catalogs) > 5 and set(catalogs) <= names
    assert {"boutique/templates/base.html", "boutique/static/css/boutique.css", "boutique/migrations/env.py",
            "boutique/static/fonts/NotoSansEthiopic-Regular.ttf", "boutique/static/fonts/OFL.txt"} <= names


def test_a_venv_with_only_the_wheel_renders_the_sign_in_page_in_swedish(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel installs by unpacking
    # The dependencies from this venv, by path only: its editable install of the checkout stays out of sight.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = (
        "import boutique, pathlib, sys\n"
        f"assert pathlib.Path(boutique.__file__).is_relative_to({str(site)!r}), boutique.__file__\n"
        "app = boutique.create_app({'DATABASE_URL': 'sqlite://', 'SECRET_KEY': 'x', 'TESTING': True})\n"
        "page = app.test_client().get('/login').get_data(as_text=True)\n"
        "assert 'lang=\"sv\"' in page and 'Logga in' in page and 'Sign in' not in page, page[:2000]\n"
        "print('ok')\n")
    done = subprocess.run([str(python), "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ok", done.stdout[-2000:] + done.stderr[-3000:]
