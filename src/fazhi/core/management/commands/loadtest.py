import os

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import loadtest


class Command(BaseCommand):
    help = ("负载测试：启动本机服务器（fazhi serve），模拟多名已登录的示例用户同时访问首页、列表、记录和接口，"
            "打印请求数、错误数、中位数和95分位耗时")

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=20)
        parser.add_argument("--seconds", type=float, default=float(os.environ.get("FAZHI_LOAD_SECONDS", 180)))
        parser.add_argument("--url", help="测试已在运行的服务器（如 http://127.0.0.1:8000），不另行启动")

    def handle(self, *args, users, seconds, url, **options):
        if users < 1 or seconds <= 0:
            raise CommandError("用户数和时长应为正数")
        server = None
        if not url:
            port = loadtest.free_port()
            url = f"http://127.0.0.1:{port}"
            try:
                server = loadtest.start_server(port)
            except RuntimeError as error:
                raise CommandError(str(error))
        try:
            self.stdout.write(f"负载测试：{users} 名用户，{seconds:.0f} 秒，{url}")
            results = loadtest.run(url, users, seconds)
        finally:
            if server:
                loadtest.stop_server(server)
        everything = [t for label, values in results.timings.items() if label != "登录" for t in values]
        for label, values in results.timings.items():
            if values and label != "登录":
                self.stdout.write(f"  {label}：{len(values)} 次，中位 {loadtest.percentile(values, .5) * 1000:.0f} ms，"
                                  f"95分位 {loadtest.percentile(values, .95) * 1000:.0f} ms")
        self.stdout.write(f"请求 {len(everything)} 次（约 {len(everything) / seconds:.1f} 次/秒），"
                          f"错误 {len(results.errors)} 次")
        if everything:
            self.stdout.write(f"中位 {loadtest.percentile(everything, .5) * 1000:.0f} ms，"
                              f"95分位 {loadtest.percentile(everything, .95) * 1000:.0f} ms")
        if results.without_record:
            self.stdout.write(f"列表中没有记录的用户（不访问记录页）：{'、'.join(sorted(set(results.without_record)))}")
        for error in sorted(set(results.errors))[:10]:
            self.stdout.write(f"  错误：{error}")
        if results.errors:
            raise CommandError(f"{len(results.errors)} 次请求出错")
