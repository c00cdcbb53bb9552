"""The Batch Render panel (Qt through Qt.py): tabs Config, Submit, Assets, Pools, Jobs, Env.

Every call to the Java core runs on a worker thread and long work is a bridge operation polled by
a QTimer (:mod:`.background`), so the panel never holds Maya's main thread.
"""
