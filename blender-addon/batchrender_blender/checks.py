"""The checks before a submit: pure functions of the file's snapshot and the form (no bpy), each a
``Check(ok, blocking, text)``: ``text`` is the one line shown in the panel and, for the first blocking one, in
Blender's report area."""
from collections import namedtuple

Check = namedtuple("Check", "ok blocking text")

#: Blender's engines the core renders with (``-E``): BlenderRenderer.ENGINES in the core
ENGINES = {"CYCLES": "Cycles", "BLENDER_EEVEE": "Eevee", "BLENDER_EEVEE_NEXT": "Eevee", "BLENDER_WORKBENCH":
           "Workbench"}


def _missing_line(missing):
    first = missing[0]
    what = "{} '{}'".format(first["nodeType"], first["node"]) if first["node"] else first["nodeType"]
    more = " and {} more".format(len(missing) - 1) if len(missing) > 1 else ""
    return ("{} missing file(s): {} ({}){}: find them (File › External Data › Find Missing Files), pack them, "
            "give a Search folder, or tick Allow Missing Files".format(len(missing), first["path"], what, more))


def run(snap, form, missing):
    """``snap``: :func:`scene_reader.snapshot`; ``form``: ``farm``, ``allowMissing``, ``watch``, ``download``,
    ``vmSize``; ``missing``: the core's missing files for these references (its scan's assets with status
    ``missing``), or None when the core has not checked them (a submit sends them and the core checks then).
    Returns [Check]."""
    out = []
    if not snap["scene"]:
        return [Check(False, True, "The file was never saved: save it (File › Save As), the farm renders the "
                                   ".blend on disk")]
    out.append(Check(snap["saved"], True, "File saved" if snap["saved"] else
                     "The file has unsaved changes: save it (File › Save), the farm renders the .blend on disk"))
    engine = snap["engine"]
    out.append(Check(engine in ENGINES, True, "Renderer: " + ENGINES[engine] if engine in ENGINES else
                     "Render engine {} is not one the farm runs: choose Cycles, Eevee or Workbench".format(engine)))
    if snap["device"] == "GPU":
        if form.get("farm") == "azure":
            gpu_vm = (form.get("vmSize") or "").lower().startswith("standard_n")
            out.append(Check(gpu_vm, False, "Device: GPU, on an N-series VM" if gpu_vm else
                             "Cycles renders on the GPU: choose an N-series VM size (a GPU), or the nodes render "
                             "on their CPU"))
        else:
            ok = snap["gpuConfigured"]
            out.append(Check(ok, False, "Device: GPU" if ok else
                             "Cycles is set to GPU but no GPU device is chosen in Preferences › System: the frames "
                             "render on the CPU"))
    elif snap["device"] == "CPU":
        out.append(Check(True, False, "Device: CPU"))
    if form.get("watch") and not form.get("download"):
        out.append(Check(False, True, "Watch is ticked: choose the download folder for the frames"))
    count = len(snap["references"])
    if missing is None:
        out.append(Check(True, False, "Files: {} named; the core checks them (Check, or at submit)".format(count)
                         if count else "Files: none besides the .blend (packed files travel inside it)"))
    elif missing:
        allowed = bool(form.get("allowMissing"))
        out.append(Check(allowed, not allowed, _missing_line(missing)))
    else:
        out.append(Check(True, False, "Files: all {} found".format(count) if count else
                         "Files: none besides the .blend (packed files travel inside it)"))
    return out


def first_blocking(results):
    """The text of the first failed blocking check, or None."""
    for c in results:
        if not c.ok and c.blocking:
            return c.text
    return None
