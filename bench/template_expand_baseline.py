"""Baseline for bench/template_expand.sh: the Azure Batch CLI extensions' template engine
(azure-batch-extensions 9.0.0, azext/batch/_template_utils.py) expanding a job template with a
parametric sweep, timed in-process like ours. Writes the same projection of the tasks as
io.batchrender.templates.TemplateExpandBench so the script can check both made the same tasks.

Usage: template_expand_baseline.py TEMPLATE PARAMS_JSON OUT_JSON
"""
import importlib.abc
import importlib.machinery
import json
import sys
import time
from unittest import mock


class _NoStorage(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """azure-batch-extensions imports an azure.multiapi.storage API version that today's package no
    longer has; template expansion never uses storage, so those modules are stood in for."""

    def find_spec(self, name, path, target=None):
        if name.startswith("azure.multiapi"):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        m = mock.MagicMock()
        m.__path__ = []
        m.__spec__ = spec
        return m

    def exec_module(self, module):
        pass


sys.meta_path.insert(0, _NoStorage())
import logging  # noqa: E402

logging.disable(logging.WARNING)
import azure.batch.models as batch_models  # noqa: E402
import azext.batch.models as ext_models  # noqa: E402
from azext.batch import _template_utils as template_utils  # noqa: E402
from msrest import Deserializer  # noqa: E402

models = {k: v for k, v in batch_models.__dict__.items() if isinstance(v, type)}
models.update({k: v for k, v in ext_models.__dict__.items() if isinstance(v, type)})
deserialize = Deserializer(models)


def expand(template_path, params):
    with open(template_path) as f:
        template = json.load(f)
    expanded = template_utils.expand_template(template, params)
    job = deserialize("ExtendedJobParameter", expanded["job"]["properties"])
    return template_utils.expand_task_factory(job, None)


def projection(task):
    outputs = []
    for o in task.output_files or []:
        auto = o.destination.auto_storage
        outputs.append([o.file_pattern, auto.file_group, auto.path])
    env = [[e.name, e.value] for e in task.environment_settings or []]
    return [task.id, task.display_name, task.command_line, env, outputs]


def main():
    template_path, params_path, out_path = sys.argv[1:4]
    with open(params_path) as f:
        params = json.load(f)
    t0 = time.perf_counter()
    tasks = expand(template_path, params)
    first = time.perf_counter() - t0
    best = first
    for _ in range(2):
        t0 = time.perf_counter()
        expand(template_path, params)
        best = min(best, time.perf_counter() - t0)
    with open(out_path, "w") as f:
        json.dump([projection(t) for t in tasks], f)
    print(json.dumps({"tasks": len(tasks), "first": first, "best": best}))


if __name__ == "__main__":
    main()
