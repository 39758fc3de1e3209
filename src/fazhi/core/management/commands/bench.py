import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from fazhi.core.areas import area_modules


class Command(BaseCommand):
    help = "运行各模块登记的性能基准（各应用 bench.py 中的 BENCHMARKS），打印耗时与查询数"

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, repeat, **options):
        self.stdout.write(f"数据库：{connection.vendor}")
        for module in area_modules("bench"):
            label = module.__name__.split(".")[1]
            for name, func in module.BENCHMARKS:
                func()  # warm up caches and connections
                timings = []
                for _ in range(repeat):
                    reset_queries()
                    with CaptureQueriesContext(connection) as queries:
                        start = time.perf_counter()
                        detail = func()
                        timings.append(time.perf_counter() - start)
                best = min(timings) * 1000
                self.stdout.write(f"{label}.{name}: 最佳 {best:.1f} ms，中位 "
                                  f"{sorted(timings)[len(timings) // 2] * 1000:.1f} ms，{len(queries)} 次查询"
                                  + (f"，{detail}" if detail else ""))
