"""Error pages in Chinese, in the app's layout."""

from django.shortcuts import render


def forbidden(request, exception=None):
    return render(request, "errors/error.html", {"code": 403, "title": "无权访问",
                                                 "message": str(exception or "") or "您无权执行此操作。"}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/error.html", {"code": 404, "title": "页面不存在",
                                                 "message": "记录不存在，或不在您的权限范围内。"}, status=404)
