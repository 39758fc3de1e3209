"""The `fazhi` console command: short names for the management commands a user needs.

    fazhi demo [--scale county|city|province]   migrate and load the demo organisation
    fazhi serve [ADDR:PORT]                       run the web server, waitress (default 127.0.0.1:8000)
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
        return 0
    if command == "serve":
        return serve(rest[0] if rest else "127.0.0.1:8000")
    execute_from_command_line([argv[0], *ALIASES.get(command, [command]), *rest])
    return 0


def serve(address: str) -> int:
    """Serve with waitress (a production WSGI server), not Django's development server."""
    import django
    from waitress import serve as waitress_serve

    django.setup()
    from django.core.management import call_command

    call_command("check", deploy=False)
    from django.conf import settings

    from fazhi.wsgi import application

    host, _, port = address.rpartition(":")
    print(f"法治已启动：http://{address}/  （Ctrl+C 停止）", flush=True)
    # waitress takes in a whole request before Django sees it: cap it at what one submission may carry.
    waitress_serve(application, host=host or "127.0.0.1", port=int(port), threads=8, ident="fazhi",
                   max_request_body_size=settings.FAZHI_UPLOAD_MAX_REQUEST_BYTES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
