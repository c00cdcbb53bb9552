"""A TCP proxy on loopback that adds a fixed delay to every byte in each direction, so that a benchmark
against Azurite sees the round trip of a real link to an Azure region instead of loopback's none.

Usage: python3 bench/latency_proxy.py LISTEN_PORT TARGET_PORT RTT_MS

Each direction delays its data by half the round trip and keeps its order; bandwidth is not limited.
Prints "ready" on stdout once it listens. Stops on SIGTERM.
"""
import asyncio
import signal
import sys

CHUNK = 1 << 16


async def pump(reader, writer, delay):
    """Forwards what reader receives to writer, each chunk `delay` seconds after it arrived."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(CHUNK)
            queue.put_nowait((loop.time() + delay, data))
            if not data:
                break
        await sender
    except (ConnectionError, asyncio.CancelledError):
        sender.cancel()
    finally:
        writer.close()


async def serve(listen_port, target_port, rtt):
    one_way = rtt / 2

    async def connection(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, up_writer, one_way), pump(up_reader, client_writer, one_way),
                             return_exceptions=True)

    server = await asyncio.start_server(connection, "127.0.0.1", listen_port)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    async with server:
        await stop.wait()


def main():
    if len(sys.argv) != 4:
        print("usage: latency_proxy.py LISTEN_PORT TARGET_PORT RTT_MS", file=sys.stderr)
        return 2
    listen_port, target_port, rtt_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    asyncio.run(serve(listen_port, target_port, rtt_ms / 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
