"""This file's jobs as the panel lists them (pure Python, no bpy)."""
import os

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".exr", ".tif", ".tiff", ".bmp", ".tga", ".webp", ".hdr")


def _same_file(a, b):
    return bool(a) and bool(b) and os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def of_scene(jobs, scene):
    """The jobs whose scene is ``scene``, newest first."""
    mine = [j for j in jobs if _same_file(j.get("scene"), scene)]
    return sorted(mine, key=lambda j: j.get("creationTime", ""), reverse=True)


def progress(job):
    """``3/10 frames' tasks done, 2 running, 1 failed`` as one short line; and the fraction done."""
    c = job.get("taskCounts") or {}
    total = c.get("active", 0) + c.get("running", 0) + c.get("completed", 0)
    parts = ["{}/{}".format(c.get("completed", 0), total)]
    if c.get("running"):
        parts.append("{} running".format(c["running"]))
    if c.get("failed"):
        parts.append("{} failed".format(c["failed"]))
    return ", ".join(parts), (float(c.get("completed", 0)) / total if total else 0.0)


def latest_frame(client, job):
    """(path, modification time) of the job's latest frame to show: its watcher's latest thumbnail, else the
    newest image in its output folder on this machine (the local farm's); None when there is none yet."""
    if job is None:
        return None
    from batchrender import BatchRenderError
    try:
        path = client.watcher(job["id"], files=False).get("latestThumbnailPath")
    except BatchRenderError:
        path = None   # no watcher for it
    if not path or not os.path.isfile(path):
        path = _newest_image(job.get("outputDir"))
    if not path:
        return None
    try:
        return path, os.stat(path).st_mtime
    except OSError:
        return None


def _newest_image(folder):
    if not folder or not os.path.isdir(folder):
        return None
    best = None
    for entry in os.scandir(folder):
        if entry.is_file() and entry.name.lower().endswith(IMAGE_EXTENSIONS):
            if best is None or entry.stat().st_mtime > best[1]:
                best = (entry.path, entry.stat().st_mtime)
    return best[0] if best else None
