"""The Maya side of Batch Render: the adapter (every ``maya.cmds`` call), the plug-in's menu and
shelf, and the Qt panel. Everything else goes through the pure client package ``batchrender``."""
