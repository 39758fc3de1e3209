"""Error pages in Chinese, in the app's layout."""

from django.http import JsonResponse
from django.shortcuts import render

from .params import ParameterError


def bad_request(request, exception=None):
    """A request Fazhi cannot answer: a refused query parameter says why; anything else stays generic."""
    message = str(exception) if isinstance(exception, ParameterError) else "请求有误，请检查后重试。"
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "errors/error.html", {"code": 400, "title": "请求参数有误", "message": message,
                                                 "retry_url": request.path}, status=400)


def forbidden(request, exception=None):
    return render(request, "errors/error.html", {"code": 403, "title": "无权访问",
                                                 "message": str(exception or "") or "您无权执行此操作。"}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/error.html", {"code": 404, "title": "页面不存在",
                                                 "message": "记录不存在，或不在您的权限范围内。"}, status=404)
