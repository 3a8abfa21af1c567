"""A real gunicorn server on a free loopback port, for tests where processes and concurrency matter."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


START_SECONDS = 120


class LiveServer:
    def __init__(self, database_url: str, *, workers: int = 2, config: dict | None = None,
                 log_path: Path | None = None):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.log_path = log_path
        env = {k: v for k, v in os.environ.items() if not k.startswith("BOUTIQUE_")}
        env.update({
            "BOUTIQUE_DATABASE_URL": database_url,
            "BOUTIQUE_SECRET_KEY": "test-secret-key-not-for-production",
            "BOUTIQUE_PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        })
        for key, value in (config or {}).items():
            env[f"BOUTIQUE_{key}"] = value if isinstance(value, str) else _json(value)
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> "LiveServer":
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(GUNICORN), "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "2", "--timeout", "60", "--no-control-socket", "boutique:create_app()"],
            cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True)
        # Generous: on a machine shared with other test runs, four workers importing the app can take a
        # while; a server that never answers still fails the test, only later.
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                if requests.get(self.url("/api/v1/health"), timeout=5).status_code == 200:
                    return self
            except requests.RequestException:  # not up yet, or a worker still booting
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {START_SECONDS} s")

    def url(self, path: str) -> str:
        return self.base_url + path

    def kill(self) -> None:
        """SIGKILL the whole process group: master and workers die mid-whatever they were doing."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def _json(value) -> str:
    import json

    return json.dumps(value)


def race(calls: list) -> list:
    """Run ``calls`` in threads released together by a barrier: each one's result, or the exception's
    repr (for tests where requests must reach the server at the same instant)."""
    import threading

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # reported as the result, for the test to show
            results[index] = repr(error)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results
