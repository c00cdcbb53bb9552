"""Baseline for bench/upload.sh: upload files one at a time with the Python azure-storage-blob
client, as the Batch plug-in for Maya did. Blob names follow the same rule as batchrender's
(the absolute path without its leading '/'), so both sides store the same thing.

Usage: upload_baseline.py CONNECTION_STRING CONTAINER FOLDER
Prints the number of files and bytes uploaded.
"""
import os
import sys

from azure.storage.blob import BlobServiceClient


def main() -> int:
    conn, container, folder = sys.argv[1:4]
    service = BlobServiceClient.from_connection_string(conn)
    client = service.get_container_client(container)
    if not client.exists():
        client.create_container()
    files = 0
    total = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in sorted(names):
            path = os.path.abspath(os.path.join(dirpath, name))
            with open(path, "rb") as data:
                client.upload_blob(path.lstrip("/"), data, overwrite=True)
            files += 1
            total += os.path.getsize(path)
    print(f"{files} files, {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
