"""Pure helpers for the adapter (no Maya import)."""


def cache_description(folder, name):
    """The description file of a cacheFile node: ``cachePath/cacheName.xml``, as Maya reads it."""
    if folder and not folder.endswith(("/", "\\")):
        folder += "/"
    return folder + name + ".xml"
