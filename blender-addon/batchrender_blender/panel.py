"""The Batch Render panel in Properties › Render: the farm, the pool, frames, chunking, output, the checks,
Submit with Watch, and this file's jobs with their progress, Cancel, Watch and the latest frame."""
import time

import bpy

from . import jobs as jobs_view
from . import classes, runtime

ICONS = {"ERROR": "ERROR", "WARNING": "ERROR", "INFO": "INFO"}


class BATCHRENDER_PT_panel(bpy.types.Panel):
    bl_label = "Batch Render"
    bl_idname = "BATCHRENDER_PT_panel"
    bl_space_type = "PROPERTIES"
    bl_region_type = "WINDOW"
    bl_context = "render"
    #: the longest one draw took, in seconds (the responsiveness check reads it)
    longest_draw = 0.0

    def draw(self, context):
        started = time.perf_counter()
        try:
            self._draw(context)
        finally:
            cls = type(self)
            cls.longest_draw = max(cls.longest_draw, time.perf_counter() - started)

    def _draw(self, context):
        layout = self.layout
        props = context.scene.batchrender
        rt = runtime.current()
        if rt is None:
            return
        scene_path = bpy.path.abspath(bpy.data.filepath) if bpy.data.filepath else ""
        rt.shown(props.farm, scene_path)

        layout.use_property_split = True
        layout.use_property_decorate = False
        layout.prop(props, "farm")
        if props.farm == "azure":
            self._draw_azure(layout, props, rt)
        else:
            layout.label(text="Pool: this workstation (local)", icon="DESKTOP")

        col = layout.column(align=True)
        col.prop(props, "use_scene_range")
        if props.use_scene_range:
            s = context.scene
            col.label(text="Frames {}-{}{}".format(s.frame_start, s.frame_end,
                                                    " every {}".format(s.frame_step) if s.frame_step > 1 else ""))
        else:
            col.prop(props, "frames")
        layout.prop(props, "chunk")
        layout.prop(props, "output")
        layout.prop(props, "job_name")
        row = layout.row(heading="Watch")
        row.prop(props, "watch", text="")
        sub = row.row()
        sub.active = props.watch
        sub.prop(props, "download", text="")
        layout.prop(props, "search_folder")
        layout.prop(props, "allow_missing")

        box = layout.box()
        head = box.row()
        head.label(text="Checks")
        head.operator("batchrender.check", text="Check", icon="CHECKMARK")
        for c in rt.checks:
            box.label(text=c.text, icon="CHECKMARK" if c.ok else ("CANCEL" if c.blocking else "ERROR"))

        row = layout.row()
        row.scale_y = 1.4
        row.operator("batchrender.submit", text="Submit", icon="RENDER_ANIMATION")
        level, text = rt.status
        if text:
            layout.label(text=text, icon=ICONS.get(level, "INFO"))

        self._draw_jobs(layout, props, rt)

    def _draw_azure(self, layout, props, rt):
        box = layout.box()
        account = rt.account
        if rt.account_error:
            box.label(text=rt.account_error, icon="ERROR")
        elif not account:
            box.label(text="Account: reading the core's settings...", icon="INFO")
        else:
            batch = account.get("batch") or {}
            storage = account.get("storage") or {}
            box.label(text="Batch: {} ({})".format(batch.get("account") or "not set", batch.get("url") or "no URL"))
            box.label(text="Storage: {} ({})".format(storage.get("account") or "not set", storage.get("store", "")))
        layout.prop(props, "pool_mode")
        if props.pool_mode == "existing":
            layout.prop(props, "pool_id")
        else:
            if props.pool_mode == "new":
                layout.prop(props, "new_pool_id")
            col = layout.column(align=True)
            col.prop(props, "dedicated_nodes")
            col.prop(props, "spot_nodes")
            layout.prop(props, "vm_size")

    def _draw_jobs(self, layout, props, rt):
        box = layout.box()
        head = box.row()
        head.label(text="Jobs of this file", icon="RENDERLAYERS")
        head.operator("batchrender.refresh", text="", icon="FILE_REFRESH")
        if rt.jobs_error:
            box.label(text=rt.jobs_error, icon="ERROR")
        if not rt.jobs:
            box.label(text="None yet")
        for job in rt.jobs[:10]:
            text, fraction = jobs_view.progress(job)
            row = box.row(align=True)
            pick = row.operator("batchrender.select_job", text=job.get("name") or job["id"],
                                depress=job["id"] == rt.selected_job, emboss=job["id"] == rt.selected_job)
            pick.job_id = job["id"]
            row.label(text="{} · {}".format(job.get("state", ""), text))
            if job.get("state") not in ("completed",):
                row.operator("batchrender.cancel_job", text="", icon="CANCEL").job_id = job["id"]
            row.operator("batchrender.watch", text="", icon="IMPORT").job_id = job["id"]
            if job.get("blocked"):
                box.label(text=job["blocked"], icon="ERROR")
        if rt.preview_icon:
            box.template_icon(icon_value=rt.preview_icon, scale=8.0)
            box.label(text=bpy.path.basename(rt.preview_path))


CLASSES = (BATCHRENDER_PT_panel,)


def register():
    classes.register(CLASSES)
