"""A bounded load test over loopback: signed-in demo users request pages of a real `fazhi serve` at once.

Each simulated user signs in once, then asks for the home page, a list page, one of its records and an API list,
over and over with no pause, until the time is up. The figures are those a user waits: from request to the
last byte of the answer. A thread per user with `requests` is enough to load a server on the same machine, and
leaves the cores to the server, which a load-test framework of its own would compete for.
"""

import math
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from .demo import ACCOUNTS, DEMO_PASSWORD

PLACES = ("shi", "xian", "qu")
USERNAMES = [f"{place}_{name}" for place in PLACES for name, *_ in ACCOUNTS]
# The pages in the order a user asks for them; "record" is a record found on that user's list page.
PAGES = [("首页", "/"), ("列表", "/evidence/"), ("记录", None), ("接口", "/api/evidence/")]
RECORD_LINK = re.compile(r'href="(/evidence/\d+/)"')


@dataclass
class Results:
    timings: dict = field(default_factory=lambda: {label: [] for label, _ in PAGES})
    errors: list = field(default_factory=list)
    without_record: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, label, seconds, error=None):
        with self.lock:
            self.timings[label].append(seconds)
            if error:
                self.errors.append(f"{label}：{error}")


def percentile(values, share):
    """The value below which `share` of them lie (nearest rank); None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, wait: float = 120) -> subprocess.Popen:
    """`fazhi serve` on a loopback port, against whichever database the environment names."""
    process = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "serve", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, env=os.environ.copy())
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"服务器未能启动（退出码 {process.returncode}）")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise RuntimeError(f"服务器 {wait:.0f} 秒内未开始监听")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # gunicorn finishes the requests under way, then stops
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in(base: str, username: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    answer = session.post(f"{base}/accounts/login/", timeout=60, headers={"Referer": f"{base}/accounts/login/"},
                          data={"username": username, "password": DEMO_PASSWORD,
                                "csrfmiddlewaretoken": token.group(1) if token else ""})
    if answer.status_code != 200 or "/accounts/login/" in answer.url:
        raise RuntimeError(f"{username} 登录失败（{answer.status_code}）")
    return session


def simulate(base: str, username: str, clock: "Clock", results: Results) -> None:
    try:
        session = sign_in(base, username)
        found = RECORD_LINK.search(session.get(f"{base}/evidence/", timeout=60).text)
    except Exception as error:  # a user who cannot sign in is an error, and the others go on
        results.add("登录", 0, error)
        clock.ready.wait()
        return
    record = found.group(1) if found else None
    if record is None:
        results.without_record.append(username)
    clock.ready.wait()  # the clock starts once everyone has signed in
    while time.monotonic() < clock.until:
        for label, url in PAGES:
            url = url or record
            if url is None or time.monotonic() >= clock.until:
                continue
            start = time.perf_counter()
            try:
                answer = session.get(f"{base}{url}", timeout=60)
                error = None if answer.status_code == 200 else f"{url} 返回 {answer.status_code}"
            except Exception as failure:
                error = f"{url} {type(failure).__name__}"
            results.add(label, time.perf_counter() - start, error)


class Clock:
    def __init__(self, users: int, seconds: float):
        self.until = float("inf")
        self.ready = threading.Barrier(users, action=lambda: setattr(self, "until", time.monotonic() + seconds))


def run(base: str, users: int, seconds: float) -> Results:
    results = Results()
    results.timings["登录"] = []
    clock = Clock(users, seconds)
    threads = [threading.Thread(target=simulate, args=(base, USERNAMES[i % len(USERNAMES)], clock, results),
                                daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
