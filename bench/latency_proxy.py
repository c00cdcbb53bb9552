"""A TCP proxy on loopback that makes a link to an Azure region out of loopback: a round trip, and an
upstream (client to server) bandwidth cap shared by all connections, as a studio's uplink is.

Usage: python3 bench/latency_proxy.py LISTEN_PORT TARGET_PORT RTT_MS [UP_MB_PER_S]

Each direction delays its data by half the round trip and keeps its order. With UP_MB_PER_S (MB = 10^6
bytes; 0 or absent: no cap) the client-to-server bytes of every connection pass one shared bottleneck
in the order they arrive: a chunk of n bytes leaves it n / cap seconds after the one before it has
left (a token bucket with no burst: idle time is not saved up), then travels the one-way delay. A
connection does not read more until its last chunk has left the bottleneck, so TCP pushes back on
the client as a full uplink does. Server-to-client bytes are not capped (downlinks are wider).
Prints "ready" on stdout once it listens. Stops on SIGTERM.
"""
import asyncio
import signal
import sys

CHUNK = 1 << 16


class Uplink:
    """The shared bottleneck: when each chunk has passed it, at `rate` bytes a second (None: at once)."""

    def __init__(self, rate):
        self.rate = rate
        self.free_at = 0.0

    def reserve(self, now, n):
        """Time at which n bytes arriving now have left the bottleneck, behind everything before them."""
        if not self.rate:
            return now
        start = max(now, self.free_at)
        self.free_at = start + n / self.rate
        return self.free_at


async def pump(reader, writer, delay, uplink=None):
    """Forwards what reader receives to writer, each chunk `delay` seconds after it left the uplink."""
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
            now = loop.time()
            left = uplink.reserve(now, len(data)) if uplink and data else now
            queue.put_nowait((left + delay, data))
            if not data:
                break
            if left > now:
                await asyncio.sleep(left - now)   # back-pressure: no more reading until this chunk is out
        await sender
    except (ConnectionError, asyncio.CancelledError):
        sender.cancel()
    finally:
        writer.close()


async def serve(listen_port, target_port, rtt, up_rate):
    one_way = rtt / 2
    uplink = Uplink(up_rate)

    async def connection(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target_port)
        except OSError:
            client_writer.close()
            return
        try:
            await asyncio.gather(pump(client_reader, up_writer, one_way, uplink),
                                 pump(up_reader, client_writer, one_way), return_exceptions=True)
        except asyncio.CancelledError:
            pass   # the proxy is stopping with this connection open

    server = await asyncio.start_server(connection, "127.0.0.1", listen_port)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    async with server:
        await stop.wait()


def main():
    if len(sys.argv) not in (4, 5):
        print("usage: latency_proxy.py LISTEN_PORT TARGET_PORT RTT_MS [UP_MB_PER_S]", file=sys.stderr)
        return 2
    listen_port, target_port, rtt_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    up = float(sys.argv[4]) * 1e6 if len(sys.argv) == 5 else 0.0
    asyncio.run(serve(listen_port, target_port, rtt_ms / 1000, up))
    return 0


if __name__ == "__main__":
    sys.exit(main())
