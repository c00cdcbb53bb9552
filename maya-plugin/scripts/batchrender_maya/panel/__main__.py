"""``python -m batchrender_maya.panel``: the panel outside Maya, for following jobs and submitting files."""
import sys


def main():
    from Qt import QtWidgets
    from batchrender import Client
    from .main import BatchRenderPanel

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv)
    client = Client()
    panel = BatchRenderPanel(lambda: client)
    panel.select_tab("Jobs")
    panel.show()
    try:
        return app.exec_() if hasattr(app, "exec_") else app.exec()
    finally:
        panel.shutdown()
        client.close()


if __name__ == "__main__":
    sys.exit(main())
