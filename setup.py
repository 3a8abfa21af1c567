"""The build steps pyproject.toml cannot say: every install speaks Swedish, and a wheel runs on its own.

``build_py`` compiles each catalog (``boutique/**/translations/<language>/LC_MESSAGES/messages.po``) into
the ``.mo`` file Flask-Babel reads, so ``pip install .``, a wheel or an editable install serves Swedish
without ``make install``; an editable install gets them in place, beside the ``.po``. A wheel also carries
the templates, the static files (the label fonts among them) and the migrations inside the package, where
``boutique/core/resources.py`` looks first.
"""

import shutil
from io import BytesIO
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("templates", "static", "migrations")


def catalogs() -> list[Path]:
    return sorted((ROOT / "boutique").glob("**/translations/*/LC_MESSAGES/messages.po"))


class BuildWithCatalogs(build_py):
    """build_py, then the compiled catalogs (and, for a wheel, the folders beside the package)."""

    def _target(self) -> Path:
        return ROOT if self.editable_mode else Path(self.build_lib)

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo  # a build requirement (pyproject.toml)
        from babel.messages.pofile import read_po

        for po in catalogs():
            mo = self._target() / po.relative_to(ROOT).with_suffix(".mo")
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.parents[1].name)
            for message in list(catalog)[1:]:  # as scripts/i18n.py compile: no English for a missing plural
                if message.pluralizable and not all(message.string):
                    catalog.delete(message.id, context=message.context)
            buffer = BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(buffer.getvalue())
        if not self.editable_mode:  # in a checkout they are found beside the package
            for name in SHIPPED:
                shutil.copytree(ROOT / name, Path(self.build_lib) / "boutique" / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))

    def get_outputs(self, include_bytecode=1) -> list[str]:
        compiled = [str(self._target() / po.relative_to(ROOT).with_suffix(".mo")) for po in catalogs()]
        return [*super().get_outputs(include_bytecode), *compiled]


setup(cmdclass={"build_py": BuildWithCatalogs})
