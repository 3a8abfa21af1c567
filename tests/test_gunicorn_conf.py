"""gunicorn.conf.py: the settings the production command, `make run` and the live test servers share."""

import gc
import runpy
import subprocess

from tests.live_server import GUNICORN, ROOT


def test_a_worker_keeps_the_loaded_app_out_of_the_collectors_sight():
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    frozen_before = gc.get_freeze_count()
    try:
        hooks["post_worker_init"](None)
        assert gc.get_freeze_count() > frozen_before
    finally:
        gc.unfreeze()


def test_gunicorn_started_where_the_readme_starts_it_uses_the_file():
    printed = subprocess.run([str(GUNICORN), "--print-config", "boutique:create_app()"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60, check=True).stdout
    settings = {name.strip(): value.strip()
                for name, _, value in (line.partition("=") for line in printed.splitlines())}
    # gunicorn's own default hook prints as <PostWorkerInit.post_worker_init()>, ours as a plain function.
    assert settings["post_worker_init"] == "<post_worker_init()>"
