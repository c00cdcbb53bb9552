#!/usr/bin/env python3
"""The link's ceiling for the upload benchmark: the least any client could cost, measured through the same proxy
to the same Azurite. Plain Blob REST requests (Put Blob for a small file, Put Block of 4 MiB pieces and one Put
Block List for a large one) on CONNECTIONS keep-alive connections at once, authorised by one container SAS made
beforehand; no SDK, no hashing, no listing, nothing read from disk while timed (the files are read first). What
this reaches is what Azurite and the proxy allow on this machine; a client can only come close to it.

Usage: upload_ceiling.py CONNECTION_STRING CONTAINER DIR [CONNECTIONS]
Prints the seconds the requests took (from the first request to the last answer).
"""
import base64
import http.client
import os
import queue
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

from azure.storage.blob import BlobServiceClient, ContainerSasPermissions, generate_container_sas

BLOCK = 4 * 1024 * 1024
API_VERSION = "2021-08-06"


def main():
    conn_str, container, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    connections = int(sys.argv[4]) if len(sys.argv) > 4 else 32
    service = BlobServiceClient.from_connection_string(conn_str)
    service.create_container(container)
    sas = generate_container_sas(service.account_name, container, account_key=service.credential.account_key,
                                 permission=ContainerSasPermissions(write=True, create=True),
                                 expiry=datetime.now(timezone.utc) + timedelta(hours=1))
    base = urllib.parse.urlparse(service.url)
    prefix = base.path.rstrip("/") + "/" + container + "/"

    files = []
    for top, _dirs, names in os.walk(folder):
        for n in sorted(names):
            path = os.path.join(top, n)
            with open(path, "rb") as f:
                files.append((os.path.relpath(path, folder).replace(os.sep, "/"), f.read()))

    work = queue.Queue()
    lists = {}   # blob name -> [block ids], sent once its blocks are in
    pending = {}
    lock = threading.Lock()
    for name, data in files:
        if len(data) <= BLOCK:
            work.put(("blob", name, data, None))
        else:
            ids = [base64.b64encode("{:08d}".format(i).encode()).decode() for i in range(0, (len(data) + BLOCK - 1) // BLOCK)]
            lists[name] = ids
            pending[name] = len(ids)
            for i, block_id in enumerate(ids):
                work.put(("block", name, data[i * BLOCK:(i + 1) * BLOCK], block_id))

    failures = []

    def request(client, method, name, query, body, headers):
        client.request(method, prefix + urllib.parse.quote(name) + "?" + query + "&" + sas, body=body,
                       headers=dict(headers, **{"x-ms-version": API_VERSION, "Content-Length": str(len(body))}))
        answer = client.getresponse()
        answer.read()
        if answer.status >= 300:
            failures.append("{} {}: {}".format(method, name, answer.status))

    def worker():
        client = http.client.HTTPConnection(base.hostname, base.port, timeout=600)
        while True:
            try:
                kind, name, data, block_id = work.get_nowait()
            except queue.Empty:
                client.close()
                return
            if kind == "blob":
                request(client, "PUT", name, "", data, {"x-ms-blob-type": "BlockBlob"})
                continue
            request(client, "PUT", name, "comp=block&blockid=" + urllib.parse.quote(block_id), data, {})
            with lock:
                pending[name] -= 1
                last = pending[name] == 0
            if last:
                body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>"
                        + "".join("<Latest>{}</Latest>".format(b) for b in lists[name]) + "</BlockList>").encode()
                request(client, "PUT", name, "comp=blocklist", body, {"Content-Type": "application/xml"})

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    if failures:
        sys.exit("error: {} request(s) failed, first: {}".format(len(failures), failures[0]))
    print("{:.2f}".format(seconds))


if __name__ == "__main__":
    main()
