#!/usr/bin/python3
"""Check that an HTML report renders, and renders from its own file alone.

Usage: browser_check.py HTML_FILE

A report is meant to be opened anywhere, offline, years later, so it must carry
everything inline. This script opens the page in headless Chromium and checks:

1. the page renders: a 1200x1600 screenshot is not blank, that is at least 1% of
   its pixels differ from its most common colour;
2. the page is self-contained: loading it requested nothing but the page itself
   (no script, stylesheet, font or image from the network, nor any other file).
   data:, blob: and about: URLs are fine: they fetch nothing.

Two witnesses watch for requests, because neither sees everything:
- the DevTools protocol, spoken over --remote-debugging-pipe, reports every
  request of the page's frame, including file:// ones, which never reach
  Chromium's network stack and so never appear in its NetLog;
- the NetLog (--log-net-log) sees all network traffic, including requests from
  workers and DNS lookups from preconnect and dns-prefetch hints, which the
  page's DevTools session does not report. Chromium sends requests of its own
  too (component updates, account checks) that no flag stops in every version;
  those have no initiator and are not keyed to the page's site, and are ignored.

Exit status: 0 the page passes; 1 it fails, with one line per problem;
77 (CTest's skip code) Chromium is not installed.

Standard library only, so the check runs wherever Chromium does.
"""

import argparse
import base64
import collections
import fcntl
import itertools
import json
import os
import pathlib
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_SKIP = 77

VIEWPORT_WIDTH = 1200
VIEWPORT_HEIGHT = 1600
TIMEOUT_SECONDS = 60
# A page still loading by then is reported so, with what it requested; the rest
# of TIMEOUT_SECONDS is left for the screenshot and for closing.
LOAD_TIMEOUT_SECONDS = 30
# Requests started by the page's scripts just after the load event still count.
SETTLE_SECONDS = 0.5
MIN_DIFFERING_FRACTION = 0.01

CHROMIUM_NAMES = ("chromium", "chromium-browser")
# Tried in order: "new" headless renders like a real browser; older builds
# only know the plain flag.
HEADLESS_FLAGS = ("--headless=new", "--headless")
CHROMIUM_FLAGS = (
    "--no-sandbox",  # CI runs as root, where the sandbox refuses to start
    "--disable-gpu",  # CI machines have none; software rendering is the same everywhere
    f"--window-size={VIEWPORT_WIDTH},{VIEWPORT_HEIGHT}",
    "--remote-debugging-pipe",
    # Chromium's own traffic is ignored below, but less of it keeps CI off the
    # network. In Chromium 156 only these two change what the NetLog shows:
    "--disable-sync",  # the spell-check dictionary download
    "--disable-features=NetworkTimeServiceQuerying",  # the network-time query
    # These are the documented off switches for the background and component
    # updater traffic; in 156 a component-manifest and an account check remain.
    "--disable-background-networking",
    "--disable-component-update",
    # Not --host-resolver-rules: the NetLog would then name the mapped host
    # instead of the one a preconnect or dns-prefetch hint asked for.
)

# What the NetLog writes for a request that no web page started.
NO_INITIATOR = "not an origin"
INLINE_SCHEMES = ("data:", "blob:", "about:")


class CheckError(Exception):
    """The check could not be carried out; the message says why."""


class BrowserExited(CheckError):
    """Chromium closed its end of the pipe: it exited or crashed."""


def find_chromium():
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class DevToolsPipe:
    """Chromium's DevTools protocol over --remote-debugging-pipe.

    The browser reads commands from its fd 3 and writes replies and events to
    its fd 4, each message one JSON text ended by a NUL byte.
    """

    def __init__(self, to_browser, from_browser, deadline):
        self._to_browser = to_browser
        self._from_browser = from_browser
        self._deadline = deadline
        self._buffer = b""
        self._next_id = 1
        self.events = []
        self.answered = False

    def call(self, method, params=None, session=None, doing=None):
        """Send one command and return its result, keeping events meanwhile."""
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._next_id += 1
        doing = doing or f"waiting for {method}"
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserExited(f"chromium exited while {doing}") from None
        while True:
            reply = self._read_message(doing)
            if reply.get("id") == message["id"]:
                self.answered = True
                if "error" in reply:
                    raise CheckError(f"chromium refused {method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for_event(self, method, session, since, seconds):
        """Return the first event METHOD of SESSION from index SINCE on, or None
        if it has not come within SECONDS."""
        until = min(time.monotonic() + seconds, self._deadline)
        index = since
        while True:
            while index < len(self.events):
                event = self.events[index]
                index += 1
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            message = self._read_message(f"waiting for {method}", until, quiet=True)
            if message is None:
                return None
            self.events.append(message)

    def collect_events(self, seconds):
        """Keep every event that arrives within SECONDS."""
        until = min(time.monotonic() + seconds, self._deadline)
        while True:
            message = self._read_message("collecting events", until, quiet=True)
            if message is None:
                return
            self.events.append(message)

    def _read_message(self, doing, until=None, quiet=False):
        until = self._deadline if until is None else until
        while b"\0" not in self._buffer:
            remaining = until - time.monotonic()
            if remaining <= 0:
                if quiet:
                    return None
                raise CheckError(
                    f"chromium did not finish within {TIMEOUT_SECONDS} s "
                    f"(it was {doing})")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise BrowserExited(f"chromium exited while {doing}")
            self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(text)


class Chromium:
    """One headless Chromium with a private profile, a pipe and a NetLog."""

    def __init__(self, binary, headless_flag, workdir, deadline):
        self.netlog_path = workdir / "netlog.json"
        self.stderr_path = workdir / "chromium-stderr.txt"
        command = [
            binary,
            headless_flag,
            f"--user-data-dir={workdir / 'profile'}",
            f"--log-net-log={self.netlog_path}",
            *CHROMIUM_FLAGS,
            "about:blank",
        ]
        to_browser_read, to_browser_write = os.pipe()
        from_browser_read, from_browser_write = os.pipe()

        def place_pipe_ends():
            # Runs in the child just before exec. Moving both ends above any
            # low descriptor first keeps the two dup2 calls from overwriting
            # each other.
            read_end = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD_CLOEXEC, 10)
            write_end = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD_CLOEXEC, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        with open(self.stderr_path, "wb") as stderr:
            # close_fds would close fds 3 and 4 after place_pipe_ends; every
            # other descriptor of ours is close-on-exec anyway.
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr,
                close_fds=False, preexec_fn=place_pipe_ends, start_new_session=True)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.devtools = DevToolsPipe(to_browser_write, from_browser_read, deadline)
        self._pipe_ends = (to_browser_write, from_browser_read)
        self._deadline = deadline

    def close(self):
        """Ask Chromium to quit, so that it finishes writing its NetLog."""
        try:
            self.devtools.call("Browser.close", doing="closing")
        except BrowserExited:
            pass  # it quit before answering, as it may
        remaining = max(self._deadline - time.monotonic(), 1)
        try:
            self.process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            self.kill()
            raise CheckError(
                f"chromium did not finish within {TIMEOUT_SECONDS} s (it was closing)")
        finally:
            self._close_pipe_ends()

    def kill(self):
        """End the browser and every process it started (its own group)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()
        self._close_pipe_ends()

    def stderr_tail(self, lines=5):
        try:
            text = self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""
        # D-Bus is absent on CI machines and Chromium says so many times.
        useful = [line for line in text.splitlines() if "dbus" not in line]
        return "\n".join(useful[-lines:])

    def _close_pipe_ends(self):
        for fd in self._pipe_ends:
            try:
                os.close(fd)
            except OSError:
                pass
        self._pipe_ends = ()


Rendering = collections.namedtuple("Rendering", "png urls loaded")


def render_page(devtools, page_url):
    """Load PAGE_URL in a new tab and take its screenshot."""
    target = devtools.call("Target.createTarget", {"url": "about:blank"},
                           doing="starting")["targetId"]
    session = devtools.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
    devtools.call("Page.enable", session=session)
    devtools.call("Network.enable", session=session)
    devtools.call("Emulation.setDeviceMetricsOverride",
                  {"width": VIEWPORT_WIDTH, "height": VIEWPORT_HEIGHT,
                   "deviceScaleFactor": 1, "mobile": False}, session=session)
    since = len(devtools.events)
    navigation = devtools.call("Page.navigate", {"url": page_url}, session=session,
                               doing="opening the page")
    if navigation.get("errorText"):
        raise CheckError(f"chromium could not open the page: {navigation['errorText']}")
    loaded = devtools.wait_for_event("Page.loadEventFired", session, since,
                                     LOAD_TIMEOUT_SECONDS) is not None
    devtools.collect_events(SETTLE_SECONDS)
    screenshot = devtools.call("Page.captureScreenshot", {"format": "png"},
                               session=session, doing="taking the screenshot")
    urls = urls_requested_by_frame(devtools.events, session, navigation["loaderId"])
    return Rendering(base64.b64decode(screenshot["data"]), urls, loaded)


def urls_requested_by_frame(events, session, navigation_id):
    """Every URL the page's session asked for, except the page's own navigation."""
    urls = []
    for event in events:
        if event.get("sessionId") != session:
            continue
        params = event.get("params", {})
        if event.get("method") == "Network.requestWillBeSent":
            # A navigation's request id is its loader id.
            if params.get("requestId") != navigation_id:
                urls.append(params["request"]["url"])
        elif event.get("method") == "Network.webSocketCreated":
            urls.append(params["url"])
    return urls


def load_netlog(path):
    """Read a NetLog, also one cut short by a browser that was killed."""
    text = path.read_text(errors="replace")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        # Chromium writes one event a line and closes the list on exit.
        whole_lines = text[:text.rfind("\n")].rstrip().rstrip(",")
        try:
            return json.loads(whole_lines + "]}")
        except json.JSONDecodeError as error:
            raise CheckError(f"chromium's NetLog {path} is unreadable: {error}") from error


def urls_requested_for_page(netlog):
    """Every URL (or, for a DNS hint, host) the NetLog shows was fetched for the page.

    A request is the page's when it has an initiator (the page's origin) or is
    keyed to the page's site, file://; Chromium's own requests have neither.
    A host lookup is the page's when it is keyed to file://, which is how
    preconnect and dns-prefetch hints appear: as lookups without requests.
    """
    names = {number: name for name, number in netlog["constants"]["logEventTypes"].items()}
    urls, hosts = [], []
    for event in netlog.get("events", []):
        params = event.get("params") or {}
        kind = names.get(event.get("type"))
        if kind == "URL_REQUEST_START_JOB" and "url" in params:
            keyed_to_page = params.get("network_isolation_key", "").startswith("file://")
            if params.get("initiator", NO_INITIATOR) != NO_INITIATOR or keyed_to_page:
                urls.append(params["url"])
        elif kind == "HOST_RESOLVER_MANAGER_REQUEST" and "host" in params:
            if params.get("network_anonymization_key", "").startswith("file://"):
                hosts.append(params["host"])
    # A lookup made for a request already listed says nothing new.
    origins = {url_origin(url) for url in urls}
    return urls + [f"{host} (a DNS lookup: a preconnect or dns-prefetch hint)"
                   for host in dict.fromkeys(hosts) if host not in origins]


def url_origin(url):
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def request_problems(urls, page_url):
    """One message for each distinct URL that is neither the page nor inline."""
    problems = []
    for url in dict.fromkeys(urls):
        if url.startswith(INLINE_SCHEMES) or url.split("#", 1)[0] == page_url:
            continue
        if url.startswith("file:"):
            problems.append(f"the page loaded another file: {url}")
        else:
            problems.append(f"the page made a network request: {url}")
    return problems


def decode_png(data):
    """Return (width, height, channels, pixel bytes) of an 8-bit RGB or RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise CheckError("the screenshot is not a PNG file")
    header, compressed = None, []
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length  # length, type, body, CRC
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise CheckError("the screenshot has no PNG header")
    width, height, bit_depth, colour_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour_type)
    if bit_depth != 8 or channels is None or interlace:
        raise CheckError(
            f"the screenshot is a PNG this check cannot read (bit depth {bit_depth}, "
            f"colour type {colour_type}, interlace {interlace})")
    filtered = zlib.decompress(b"".join(compressed))
    return width, height, channels, unfilter(filtered, width, height, channels)


def unfilter(filtered, width, height, bpp):
    """Undo PNG's per-row filters (types 0 to 4) on 8-bit samples."""
    stride = width * bpp
    if len(filtered) < height * (stride + 1):
        raise CheckError("the screenshot's PNG data is cut short")
    pixels = bytearray()
    prior = bytes(stride)
    for row_index in range(height):
        start = row_index * (stride + 1)
        kind = filtered[start]
        row = filtered[start + 1:start + 1 + stride]
        if kind == 0:
            current = row
        elif kind == 1:
            current = unfilter_sub(row, bpp)
        elif kind == 2:
            current = add_bytewise(row, prior)
        elif kind == 3:
            current = unfilter_average(row, prior, bpp)
        elif kind == 4:
            current = unfilter_paeth(row, prior, bpp)
        else:
            raise CheckError(f"the screenshot's PNG row {row_index} has filter type {kind}")
        pixels += current
        prior = current
    return bytes(pixels)


def unfilter_sub(row, bpp):
    # Each sample adds the one bpp bytes to its left: a running sum per channel,
    # of which the low byte is kept. accumulate and pack do the work in C, which
    # is far faster than a Python loop over the bytes.
    low_byte = 0 if sys.byteorder == "little" else 7
    result = bytearray(len(row))
    for channel in range(bpp):
        samples = row[channel::bpp]
        sums = struct.pack(f"={len(samples)}Q", *itertools.accumulate(samples))
        result[channel::bpp] = sums[low_byte::8]
    return result


def add_bytewise(row, prior):
    # Byte-wise addition modulo 256 of two whole rows at once, on big integers:
    # the low seven bits of each byte add without carrying into the next byte,
    # and the top bit is the exclusive or of both top bits and that carry.
    size = len(row)
    low_bits = int.from_bytes(b"\x7f" * size, "big")
    top_bits = int.from_bytes(b"\x80" * size, "big")
    a = int.from_bytes(row, "big")
    b = int.from_bytes(prior, "big")
    total = ((a & low_bits) + (b & low_bits)) ^ ((a ^ b) & top_bits)
    return total.to_bytes(size, "big")


def unfilter_average(row, prior, bpp):
    result = bytearray(row)
    for i in range(len(row)):
        left = result[i - bpp] if i >= bpp else 0
        result[i] = (row[i] + ((left + prior[i]) >> 1)) & 0xFF
    return result


def unfilter_paeth(row, prior, bpp):
    result = bytearray(row)
    for i in range(len(row)):
        left = result[i - bpp] if i >= bpp else 0
        up_left = prior[i - bpp] if i >= bpp else 0
        result[i] = (row[i] + paeth_predictor(left, prior[i], up_left)) & 0xFF
    return result


def paeth_predictor(left, up, up_left):
    estimate = left + up - up_left
    to_left, to_up, to_up_left = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
    if to_left <= to_up and to_left <= to_up_left:
        return left
    return up if to_up <= to_up_left else up_left


def background_share(pixels, channels):
    """Return the most common colour and the fraction of pixels that differ from it."""
    colours = collections.Counter(zip(*(pixels[c::channels] for c in range(channels))))
    background, count = colours.most_common(1)[0]
    total = len(pixels) // channels
    return background, (total - count) / total


def colour_name(colour):
    if len(colour) == 4 and colour[3] == 255:
        colour = colour[:3]
    return "#" + "".join(f"{sample:02x}" for sample in colour)


def blank_problem(background, differing):
    if differing == 0:
        return f"the screenshot is blank: every pixel is {colour_name(background)}"
    if differing < MIN_DIFFERING_FRACTION:
        return (f"the screenshot is blank: only {differing:.2%} of pixels differ from "
                f"{colour_name(background)} (at least {MIN_DIFFERING_FRACTION:.0%} must)")
    return None


def run_browser(binary, page_url, workdir):
    """Render the page; the Rendering lists every URL either witness saw."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    failures = []
    for headless_flag in HEADLESS_FLAGS:
        attempt_dir = workdir / headless_flag.strip("-").replace("=", "-")
        attempt_dir.mkdir()
        browser = Chromium(binary, headless_flag, attempt_dir, deadline)
        try:
            rendering = render_page(browser.devtools, page_url)
            browser.close()
        except BrowserExited as error:
            browser.kill()
            if browser.devtools.answered:
                raise CheckError(f"{error}\n{browser.stderr_tail()}")
            failures.append(f"with {headless_flag}: exit status "
                            f"{browser.process.returncode}\n{browser.stderr_tail()}")
            continue
        except BaseException:
            browser.kill()
            raise
        network_urls = urls_requested_for_page(load_netlog(browser.netlog_path))
        return rendering._replace(urls=rendering.urls + network_urls)
    raise CheckError("chromium did not start\n" + "\n".join(failures))


def check_page(binary, html_path):
    """Return the list of problems with the page, and a summary of what passed."""
    page_url = html_path.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="browser-check-",
                                     ignore_cleanup_errors=True) as workdir:
        rendering = run_browser(binary, page_url, pathlib.Path(workdir))
    width, height, channels, pixels = decode_png(rendering.png)
    background, differing = background_share(pixels, channels)
    problems = []
    blank = blank_problem(background, differing)
    if blank:
        problems.append(blank)
    if not rendering.loaded:
        problems.append(f"the page did not finish loading within {LOAD_TIMEOUT_SECONDS} s")
    problems += request_problems(rendering.urls, page_url)
    summary = (f"ok: {width}x{height} screenshot, {differing:.1%} of pixels differ "
               f"from the background, no network request")
    return problems, summary


def main():
    parser = argparse.ArgumentParser(
        description="Check that an HTML page renders (its screenshot is not blank) "
                    "and requests nothing but itself.")
    parser.add_argument("html_file", type=pathlib.Path, help="the page to check")
    args = parser.parse_args()
    binary = find_chromium()
    if binary is None:
        print("SKIPPED: chromium is not installed (apt-get install chromium)")
        return EXIT_SKIP
    if not args.html_file.is_file():
        print(f"FAILED: {args.html_file}: no such file", file=sys.stderr)
        return EXIT_FAIL
    try:
        problems, summary = check_page(binary, args.html_file)
    except CheckError as error:
        print(f"FAILED: {args.html_file}: {error}", file=sys.stderr)
        return EXIT_FAIL
    for problem in problems:
        print(f"FAILED: {args.html_file}: {problem}", file=sys.stderr)
    if problems:
        return EXIT_FAIL
    print(summary)
    return EXIT_PASS


if __name__ == "__main__":
    sys.exit(main())
