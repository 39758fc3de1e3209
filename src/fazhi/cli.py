"""The `fazhi` console command: short names for the management commands a user needs.

    fazhi demo [--scale county|city|province]   migrate and load the demo organisation
    fazhi serve [ADDR:PORT]                       run the web server (default 127.0.0.1:8000): gunicorn with
                                                  FAZHI_WORKERS processes of FAZHI_THREADS threads; waitress on Windows
    fazhi orgs                                    list the org tree with stable codes
    fazhi create-commission NAME --level … --code …
    fazhi backup FILE / fazhi restore FILE        database and files in one archive
    fazhi holidays YEAR [FILE]                    enter a year's holiday schedule (file, or the built-in data)
    fazhi plan parse FILE [--json]                parse a work plan (.docx/.pdf/.txt) without saving
    fazhi plan import FILE --org CODE --user NAME import a work plan as a draft
    fazhi draw verify FILE                        run a published 双随机 draw again from its record
    fazhi report --org CODE --year YEAR --format docx|pdf|html -o FILE
                                                  an annual report as a file (--coverage region for a city)
    fazhi remind [--date YYYY-MM-DD]              send due-soon and overdue reminders (run daily)
    fazhi anchor                                  publish today's digest of the cases' records (run daily)
    fazhi anchor --verify [--published FILE]      check every record and digest, against kept copies too
    fazhi bench                                   print the benchmarks' figures
    fazhi refresh-stored                          recount stored deadlines and task statuses from their inputs
    fazhi loadtest                                20 signed-in users against a server of its own (FAZHI_LOAD_SECONDS)
    fazhi <any Django management command>
"""

import os
import sys

ALIASES = {
    "orgs": ["orgs"],
    "create-commission": ["create_commission"],
    "backup": ["backup"],
    "restore": ["restore"],
    "bench": ["bench"],
    "verify-files": ["verify_evidence"],
    "holidays": ["import_holidays"],
    "remind": ["send_reminders"],
    "anchor": ["anchor_records"],
    "refresh-stored": ["refresh_stored"],
    "loadtest": ["loadtest"],
}


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    argv = list(sys.argv if argv is None else argv)
    from django.core.management import execute_from_command_line

    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[1], argv[2:]
    if command == "demo":
        execute_from_command_line([argv[0], "migrate", "--noinput", "-v", "0"])
        execute_from_command_line([argv[0], "seed_demo", *rest])
        # `fazhi serve` collects them too; here so that the demo's pages have their styles under any server.
        execute_from_command_line([argv[0], "collectstatic", "--noinput", "-v", "0"])
        return 0
    if command == "serve":
        return serve(rest[0] if rest else "127.0.0.1:8000")
    execute_from_command_line([argv[0], *ALIASES.get(command, [command]), *rest])
    return 0


def serve(address: str) -> int:
    """Serve with a production WSGI server, not Django's development server: gunicorn's worker processes where
    it runs (Linux, macOS), waitress's threads in one process elsewhere (Windows)."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("check", deploy=False)
    collect_static()
    from django.conf import settings
    from django.db import connections

    from fazhi.wsgi import application

    # The checks may have opened a connection: a forked worker must open its own, not share this one.
    connections.close_all()
    server, options = server_options(address, settings.FAZHI_UPLOAD_MAX_REQUEST_BYTES)
    detail = f"{options['workers']} 个进程 × {options['threads']} 个线程" if server == "gunicorn" else \
        f"{options['threads']} 个线程"
    print(f"法治已启动：http://{address}/  （{server}，{detail}；Ctrl+C 停止）", flush=True)
    if server == "gunicorn":
        run_gunicorn(application, options)
    else:
        from waitress import serve as waitress_serve

        waitress_serve(application, **options)
    return 0


def collect_static():
    """Copy the vendored assets into the data directory under names with their content's hash, so that
    browsers may keep them for a year and a new release's files still reach them at once."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def default_workers(cpus: int | None = None) -> int:
    """Twice the cores plus one, the usual figure for a server that also waits on its database; capped at 8,
    as each worker holds a whole Django in memory and SQLite gains nothing from more writers."""
    if cpus is None:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(2 * cpus + 1, 8))


def server_options(address: str, max_request_bytes: int, environ=None, platform: str | None = None,
                   cpus: int | None = None) -> tuple[str, dict]:
    """Which server `fazhi serve` runs and with what settings: FAZHI_WORKERS processes of FAZHI_THREADS threads
    under gunicorn, or waitress where gunicorn cannot run (it needs fork, so not on Windows)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    host, _, port = address.rpartition(":")
    host = host or "127.0.0.1"
    if platform == "win32":
        # waitress takes in a whole request before Django sees it: cap it at what one submission may carry.
        return "waitress", {"host": host, "port": int(port), "threads": _positive(environ, "FAZHI_THREADS", 8),
                            "ident": "fazhi", "max_request_body_size": max_request_bytes}
    return "gunicorn", {
        # gunicorn passes a body on as it comes, and fazhi.core.uploads refuses one over the limits.
        "bind": f"{host}:{port}",
        "workers": _positive(environ, "FAZHI_WORKERS", default_workers(cpus)),
        # Threads let a worker answer another request while one waits on the database.
        "threads": _positive(environ, "FAZHI_THREADS", 4),
        "worker_class": "gthread",
        # Django is loaded once before the fork: workers start at once and share its memory.
        "preload_app": True,
        # An Excel export or a PDF report of a whole city may take a while; a stuck worker is still replaced.
        "timeout": 120,
        "graceful_timeout": 30,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "fazhi",
    }


def _positive(environ, name: str, default: int) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} 应为正整数，现为“{value}”")
    return int(value)


def run_gunicorn(application, options: dict) -> None:
    from gunicorn.app.base import BaseApplication

    class FazhiApplication(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    FazhiApplication().run()


if __name__ == "__main__":
    sys.exit(main())
