"""gunicorn's settings for the app. gunicorn reads this file from the directory it starts in: the
README's production command, and the servers the tests and benchmarks start, all start in this one."""

import gc


def post_worker_init(worker) -> None:
    # The app, and every module it imported, is loaded now and lives as long as the worker. Kept out
    # of the collector's sight, a full collection no longer walks those ~150,000 objects: measured in
    # one process at 40,000 items, one ran every ~4,000 checkouts and held that checkout up 50–90 ms.
    gc.freeze()
