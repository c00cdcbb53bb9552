"""A stand-in for Maya's Python package, for tests: it answers from real scenes in
``../shared/testdata/maya`` (see ``_standin.open_scene``) and logs what the plug-in asked."""
